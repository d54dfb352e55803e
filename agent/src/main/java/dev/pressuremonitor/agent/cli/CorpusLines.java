package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The labelled lines of a split's domain files, for training: every line must be usable, or training stops. */
record CorpusLines(String domain, String text, String context, Category gold) {
    static List<CorpusLines> read(List<Path> files) throws IOException {
        List<CorpusLines> out = new ArrayList<>();
        for (Path file : files) {
            String domain = CorpusSplit.domainOf(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                try {
                    LabelledLine l = LabelledLine.parse(lines.get(i));
                    if (l.label() == null) throw new DecodeException("missing field 'label'");
                    Category gold = l.label().equals("NONE") ? null : Category.valueOf(l.label());
                    if (gold != null && !gold.isPressure()) throw new IllegalArgumentException();
                    out.add(new CorpusLines(domain, l.text(), l.context(), gold));
                } catch (DecodeException | IllegalArgumentException e) {
                    throw new UserException(file + ":" + (i + 1) + ": " + (e instanceof DecodeException ? e.getMessage()
                            : "label must be one of PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND, NONE") + " (fix the line; training uses every line)");
                }
            }
        }
        return out;
    }
}
