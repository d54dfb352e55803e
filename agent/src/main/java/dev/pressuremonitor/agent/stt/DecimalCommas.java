package dev.pressuremonitor.agent.stt;

/**
 * Undoes what a decimal-comma locale does to libvosk's output: {@code "conf" : 0,660000} becomes
 * {@code "conf" : 0.660000}. Only a number that follows a field's colon and is itself followed by a comma,
 * '}' or ']' is touched, and nothing inside a string.
 */
final class DecimalCommas {
    private DecimalCommas() {}

    static String repair(String json) {
        StringBuilder out = null;
        int n = json.length();
        boolean inString = false;
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') {
                inString = true;
                continue;
            }
            if (c != ':') continue;
            int p = i + 1;
            while (p < n && Character.isWhitespace(json.charAt(p))) p++;
            if (p < n && json.charAt(p) == '-') p++;
            int intStart = p;
            while (p < n && isDigit(json.charAt(p))) p++;
            if (p == intStart || p >= n || json.charAt(p) != ',') continue;
            int comma = p++;
            int fracStart = p;
            while (p < n && isDigit(json.charAt(p))) p++;
            if (p == fracStart) continue;
            int q = p;
            while (q < n && Character.isWhitespace(json.charAt(q))) q++;
            if (q < n && ",}]".indexOf(json.charAt(q)) < 0) continue;
            if (out == null) out = new StringBuilder(json);
            out.setCharAt(comma, '.');
            i = p - 1;
        }
        return out == null ? json : out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
