package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shipped learned opinion adds on the held-out test domains (never tuned or trained on): more pressure
 * heard than the rules alone, without a category losing precision or more no-pressure lines being flagged.
 */
class LearnedOpinionQualityTest {
    private static final Pattern MACRO = Pattern.compile("macro-F1 (\\d\\.\\d+) over \\d+ lines; NONE flagged (\\d+\\.\\d)%");
    private static final String[] CATEGORIES = {"PITCH", "CLOSE", "URGENCY", "CHASE", "COUNTER", "DEFEND"};

    private static double[] figures(String out) {
        Matcher m = MACRO.matcher(out);
        assertThat(m.find()).as("eval printed its macro-F1 line:%n%s", out).isTrue();
        double[] f = new double[2 + 2 * CATEGORIES.length];
        f[0] = Double.parseDouble(m.group(1));
        f[1] = Double.parseDouble(m.group(2));
        for (int i = 0; i < CATEGORIES.length; i++) {
            Matcher c = Pattern.compile("(?m)^" + CATEGORIES[i] + "\\s+(\\d\\.\\d+)\\s+(\\d\\.\\d+)").matcher(out);
            assertThat(c.find()).isTrue();
            f[2 + 2 * i] = Double.parseDouble(c.group(1));
            f[3 + 2 * i] = Double.parseDouble(c.group(2));
        }
        return f;
    }

    @Test
    void hearsMoreOnUnseenMarketsThanTheRulesAloneWithoutLosingPrecision() {
        CliTest rules = CliTest.run("", "eval", "--split", "test", "--corpus", "../seeds/corpus", "--learned", "off");
        CliTest both = CliTest.run("", "eval", "--split", "test", "--corpus", "../seeds/corpus");
        assertThat(both.code()).isZero();
        double[] r = figures(rules.out()), b = figures(both.out());
        assertThat(b[0]).as("macro-F1 with the learned opinion vs rules alone").isGreaterThan(r[0] + 0.02);
        assertThat(b[1]).as("NONE flagged %").isLessThanOrEqualTo(r[1] + 0.5);
        for (int i = 0; i < CATEGORIES.length; i++) {
            assertThat(b[2 + 2 * i]).as("%s precision", CATEGORIES[i]).isGreaterThanOrEqualTo(r[2 + 2 * i] - 0.03);
            assertThat(b[3 + 2 * i]).as("%s recall", CATEGORIES[i]).isGreaterThanOrEqualTo(r[3 + 2 * i]);
        }
    }

    /**
     * Long turns made from the held-out domains: every fourth line (a quarter keeps the suite fast) said between or
     * after two of its domain's no-pressure lines, labelled as the line. The rules still find their phrases; the
     * learned opinion, which reads a turn's embedding, must hear a pressing sentence the neutral ones would dilute.
     */
    private static Path longTurns(Path dir) throws IOException, dev.pressuremonitor.models.DecodeException {
        JsonNode split = Json.readTree(Files.readString(Path.of("../seeds/corpus/split.json")));
        List<String> out = new ArrayList<>();
        for (JsonNode domain : split.get("test")) {
            List<JsonNode> lines = new ArrayList<>();
            for (String l : Files.readAllLines(Path.of("../seeds/corpus/domains", domain.asText() + ".jsonl"))) {
                if (!l.isBlank()) lines.add(Json.readTree(l));
            }
            List<String> none = lines.stream().filter(l -> l.get("label").asText().equals("NONE")).map(l -> l.get("text").asText()).toList();
            for (int i = 0; i < lines.size(); i += 4) {
                ObjectNode turn = (ObjectNode) lines.get(i).deepCopy();
                String before = none.get((i * 7 + 3) % none.size()), after = none.get((i * 13 + 5) % none.size());
                if (before.equals(turn.get("text").asText()) || after.equals(turn.get("text").asText())) continue;
                turn.put("text", before + " " + turn.get("text").asText() + (i % 8 == 0 ? " " + after : ""));
                out.add(turn.toString());
            }
        }
        return Files.write(dir.resolve("long-turns.jsonl"), out);
    }

    @Test
    void hearsAPressingSentenceInsideALongTurnNotOnlyInAShortOne(@TempDir Path dir) throws Exception {
        Path turns = longTurns(dir);
        double[] r = figures(CliTest.run("", "eval", turns.toString(), "--learned", "off").out());
        double[] b = figures(CliTest.run("", "eval", turns.toString()).out());
        // looked at whole only, the opinion added 0.007 here (0.695 -> 0.702); a few sentences at a time, 0.046
        assertThat(b[0]).as("macro-F1 with the learned opinion vs rules alone, long turns").isGreaterThan(r[0] + 0.035);
        for (int i = 0; i < CATEGORIES.length; i++) {
            assertThat(b[3 + 2 * i]).as("%s recall", CATEGORIES[i]).isGreaterThanOrEqualTo(r[3 + 2 * i]);
        }
    }
}
