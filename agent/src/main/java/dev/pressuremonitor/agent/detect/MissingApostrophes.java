package dev.pressuremonitor.agent.detect;

/**
 * Writes back the apostrophe of contractions typed or transcribed without one ("dont" -> "don't", "Im" -> "I'm"), for
 * what reads raw text (the learned opinion's sentence model and word hashes were fitted on text that has them); the
 * rules' {@link Normalizer} expands the same spellings itself. Which spellings: see {@link Normalizer#contraction}.
 */
public final class MissingApostrophes {
    private MissingApostrophes() {
    }

    /** {@code text} with each contraction missing its apostrophe written with it; the same instance when none is. */
    public static String restore(String text) {
        if (text == null) return null;
        StringBuilder out = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!Character.isLetter(text.charAt(i))) {
                if (out != null) out.append(text.charAt(i));
                i++;
                continue;
            }
            int start = i;
            while (i < n && (Character.isLetter(text.charAt(i)) || isApostropheInWord(text, i))) i++;
            String word = text.substring(start, i);
            String written = Normalizer.contraction(word.toLowerCase(java.util.Locale.ROOT));
            if (written != null && out == null) {
                out = new StringBuilder(n + 8);
                out.append(text, 0, start);
            }
            if (out != null) {
                if (written == null) {
                    out.append(word);
                } else {
                    // keeps a capital first letter ("Dont" -> "Don't", "Im" -> "I'm")
                    out.append(Character.isUpperCase(word.charAt(0)) ? Character.toUpperCase(written.charAt(0)) + written.substring(1) : written);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isApostropheInWord(String text, int i) {
        char c = text.charAt(i);
        return (c == '\'' || c == '\u2019') && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1));
    }
}
