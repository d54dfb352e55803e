package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.Consumer;
import java.util.List;

/**
 * A labelled line of the corpus ({@link LabelledLine} with a known label and domain), and how files of them are read.
 * What happens to a line that cannot be used is the reader's choice: {@code train} stops at the first (it fits on
 * every line), {@code eval} skips and counts them (the figures leave them out).
 *
 * @param gold the label, null for NONE
 */
record CorpusLines(String domain, String id, String text, String context, Category gold) {
    /** Told about each line that cannot be used; may throw to stop reading. */
    interface BadLines {
        void bad(Path file, int line, String problem);
    }

    /** Stops at the first line that cannot be used, saying where and what to fix. */
    static final BadLines STOP = (file, line, problem) -> {
        throw new UserException(file + ":" + line + ": " + problem + " (fix the line; training uses every line)");
    };

    /** For training: the lines of a split's domain files, every one usable, or training stops. */
    static List<CorpusLines> read(List<Path> files) throws IOException {
        return read(files, true, STOP);
    }

    /**
     * Reads labelled files in order. A line's domain is its own {@code domain} field, else its file's name; with
     * {@code domainIsTheFile} (a corpus split, one domain per file) a line naming another domain cannot be used.
     */
    static List<CorpusLines> read(List<Path> files, boolean domainIsTheFile, BadLines onBad) throws IOException {
        return read(files, domainIsTheFile, onBad, field -> { });
    }

    /**
     * As above; lines of a split are read strictly (our corpus), other files as lines from elsewhere are: each field
     * we do not read is told to {@code ignoredField}, and a line without an id is known by its file and number.
     */
    static List<CorpusLines> read(List<Path> files, boolean domainIsTheFile, BadLines onBad, Consumer<String> ignoredField) throws IOException {
        List<CorpusLines> out = new ArrayList<>();
        for (Path file : files) {
            String fileDomain = CorpusSplit.domainOf(file);
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int number = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    number++;
                    if (line.isBlank()) continue;
                    try {
                        LabelledLine l = LabelledLine.parse(line, domainIsTheFile);
                        l.ignored().forEach(ignoredField);
                        Category gold = label(l.label());
                        String domain = l.domain() == null ? fileDomain : l.domain();
                        if (domainIsTheFile && !domain.equals(fileDomain)) {
                            throw new DecodeException("field 'domain' is '" + domain + "' but the file holds domain '" + fileDomain
                                    + "': move the line to domains/" + domain + ".jsonl");
                        }
                        out.add(new CorpusLines(domain, l.id() != null ? l.id() : file.getFileName() + ":" + number, l.text(), l.context(), gold));
                    } catch (DecodeException e) {
                        onBad.bad(file, number, e.getMessage());
                    }
                }
            }
        }
        return out;
    }

    /** A line's {@code label} field as a category, null for NONE. */
    static Category label(String label) throws DecodeException {
        if (label == null) throw new DecodeException("missing field 'label' (one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE)");
        // "chase", " Chase " and "CHASE" name the same label
        String name = label.strip().toUpperCase(java.util.Locale.ROOT);
        if (name.equals("NONE")) return null;
        for (Category c : Category.pressure()) if (c.name().equals(name)) return c;
        throw new DecodeException("field 'label': '" + label + "' is not one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE");
    }
}
