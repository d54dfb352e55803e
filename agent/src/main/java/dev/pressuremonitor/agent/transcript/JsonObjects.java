package dev.pressuremonitor.agent.transcript;

/**
 * Cuts a text holding a stream of JSON objects into the objects, whatever the line breaks: one object a line
 * (JSON lines) or objects spread over several lines (pretty-printed, as Vosk's own examples print them). Each
 * piece keeps the line it starts on, so errors can name it. Text outside an object is a piece of its own (to
 * the end of its line), for the caller to report.
 */
final class JsonObjects {
    /** One object (or stray text), the 1-based line it starts on, and where the text after it starts. */
    record Piece(String text, int start, int line, int next, int nextLine) {}

    private final String text;

    JsonObjects(String text) {
        this.text = text;
    }

    /** The piece that starts at or after {@code from} (on line {@code line}), or null at the end. */
    Piece next(int from, int line) {
        int n = text.length();
        int i = from;
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            if (text.charAt(i) == '\n') line++;
            i++;
        }
        if (i >= n) return null;
        if (text.charAt(i) != '{') {
            int eol = text.indexOf('\n', i);
            int end = eol < 0 ? n : eol;
            return new Piece(text.substring(i, end), i, line, end, line);
        }
        int depth = 0, lines = line;
        boolean inString = false;
        char lastSignificant = 0;
        for (int k = i; k < n; k++) {
            char c = text.charAt(k);
            if (c == '\n') {
                lines++;
                if (!inString && startsObjectAfterUnclosedOne(k + 1, lastSignificant)) {
                    // an object left open on an earlier line: it ends here, and the next one is read on its own
                    return new Piece(text.substring(i, k).stripTrailing(), i, line, k, lines);
                }
            }
            if (!inString && !Character.isWhitespace(c)) lastSignificant = c;
            if (inString) {
                if (c == '\\') k++;
                else if (c == '"') inString = false;
                else if (c == '\n') inString = false; // a string never spans lines: let the parser say what is wrong
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) return new Piece(text.substring(i, k + 1), i, line, k + 1, lines);
            }
        }
        return new Piece(text.substring(i).stripTrailing(), i, line, n, lines);
    }

    /** A line that opens an object where no value can start (not after ',', '[' or ':'): a new result, not a nested one. */
    private boolean startsObjectAfterUnclosedOne(int lineStart, char lastSignificant) {
        int p = lineStart;
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t' || text.charAt(p) == '\r')) p++;
        return p < text.length() && text.charAt(p) == '{' && lastSignificant != ',' && lastSignificant != '[' && lastSignificant != ':';
    }

    /**
     * Where to go on after a piece that was not valid JSON: the next line that starts an object, so one broken
     * object costs that object only and not the rest of the file.
     */
    int[] resync(Piece broken) {
        int n = text.length();
        int pos = text.indexOf('\n', broken.start());
        int line = broken.line();
        while (pos >= 0 && pos < n) {
            line++;
            int p = pos + 1;
            while (p < n && (text.charAt(p) == ' ' || text.charAt(p) == '\t' || text.charAt(p) == '\r')) p++;
            if (p < n && text.charAt(p) == '{') return new int[]{p, line};
            pos = text.indexOf('\n', p);
        }
        return new int[]{n, line};
    }
}
