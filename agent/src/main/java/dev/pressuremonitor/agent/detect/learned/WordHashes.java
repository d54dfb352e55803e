package dev.pressuremonitor.agent.detect.learned;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The words and word pairs of a text, hashed into a fixed number of slots: what the sentence embedding blurs
 * (stance words such as "but", "only", "today", "deserve") stays visible to the classifier. Lower case, letters,
 * digits and apostrophes; each unigram and bigram sets one slot (CRC-32 of its UTF-8 bytes modulo the size).
 */
public final class WordHashes {
    private static final Pattern WORD = Pattern.compile("[a-z0-9']+");

    private WordHashes() {
    }

    /** The distinct slots a text sets, ascending. */
    public static int[] slots(String text, int size) {
        if (text == null || text.isBlank()) return new int[0];
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
        TreeSet<Integer> set = new TreeSet<>();
        String previous = null;
        while (m.find()) {
            String w = m.group();
            set.add(slot(w, size));
            if (previous != null) set.add(slot(previous + " " + w, size));
            previous = w;
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    static int slot(String gram, int size) {
        CRC32 crc = new CRC32();
        crc.update(gram.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % size);
    }
}
