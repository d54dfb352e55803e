package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest {

    @Test
    void macroF1AveragesOnlyTheCategoriesTheLinesHoldOrWereGiven(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("chases.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"just checking in on the quote","label":"CHASE"}
                {"id":"2","text":"what made you reach out","label":"NONE"}
                """);
        CliTest r = CliTest.run("", "eval", "--learned", "off", f.toString());
        // a file of chases alone is not scored down for holding no pitch, close, urgency, counter or defence
        assertThat(r.out()).contains("macro-F1 1.000 over 2 lines");
        Path none = Files.writeString(dir.resolve("quiet.jsonl"), "{\"id\":\"1\",\"text\":\"what made you reach out\",\"label\":\"NONE\"}\n");
        assertThat(CliTest.run("", "eval", "--learned", "off", none.toString()).out()).contains("macro-F1 n/a over 1 lines");
    }

    @Test
    void labelledLinesFromElsewhereAreScoredWhateverTheCaseOfTheirLabelsAndTheirExtraFields(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("theirs.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"just checking in on the quote","label":"chase","annotator":"kim"}
                {"text":"are you ready to sign today","label":" Close ","annotator":"kim"}
                {"id":"3","text":"what made you reach out","label":"none","turn":4}
                """);
        CliTest r = CliTest.run("", "eval", "--learned", "off", "--errors", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).doesNotContain("skipped").containsOnlyOnce("field 'annotator' is not read").containsOnlyOnce("field 'turn' is not read");
        assertThat(r.out()).contains("macro-F1 1.000 over 3 lines");
    }

    @Test
    void printsPerCategoryFiguresMacroF1AndAConfusionTable(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tiny.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"just checking in on the quote","label":"CHASE"}
                {"id":"2","text":"are you ready to sign today","label":"CLOSE"}
                {"id":"3","text":"what made you reach out","label":"NONE"}
                {"id":"4","text":"any update on the proposal","label":"CLOSE"}
                """);
        CliTest r = CliTest.run("", "eval", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CHASE         0.500   1.000   0.667        1");
        assertThat(r.out()).contains("CLOSE         1.000   0.500   0.667        2");
        assertThat(r.out()).contains("NONE flagged 0.0% (0 of 1)");
        assertThat(r.out()).containsPattern("CLOSE\\s+0\\s+1\\s+0\\s+1\\s+0\\s+0\\s+0");
    }

    @Test
    void byRuleShowsWhichRuleLabelledEachLineAndWhatTheWrongOnesReallyWere(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tiny.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"just checking in on the quote","label":"CHASE"}
                {"id":"2","text":"are you ready to sign today","label":"CLOSE"}
                {"id":"3","text":"just checking in to see how you are","label":"NONE"}
                {"id":"4","text":"what made you reach out","label":"NONE"}
                """);
        CliTest r = CliTest.run("", "eval", "--learned", "off", "--by-rule", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?m)^chase\\.checking-in\\s+2\\s+1\\s+0\\.500\\s+NONE 1$");
        assertThat(r.out()).containsPattern("(?m)^close\\.ready-to-sign\\s+1\\s+1\\s+1\\.000\\s*$");
        assertThat(r.out().indexOf("chase.checking-in")).as("least precise first").isLessThan(r.out().indexOf("close.ready-to-sign"));
    }

    @Test
    void skipsMalformedLinesSayingWhereAndKeepsScoring(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mixed.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"just checking in","label":"CHASE"}
                {"id":"2","text":"hello","label":"NAGGING"}
                {oops
                """);
        CliTest r = CliTest.run("", "eval", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(f + ":2: skipped: field 'label': 'NAGGING' is not one of");
        assertThat(r.err()).contains(f + ":3: skipped: malformed JSON");
        assertThat(r.out()).contains("over 1 lines");
    }

    @Test
    void aMissingFileIsAClearError() {
        CliTest r = CliTest.run("", "eval", "no/such/file.jsonl");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file: no/such/file.jsonl");
    }

    @Test
    void aSplitScoresItsDomainsAndReportsEachDomainOnItsOwn(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("domains"));
        Files.writeString(dir.resolve("split.json"), "{\"test\": [\"telecom\", \"fundraising\"]}");
        Files.writeString(dir.resolve("domains/telecom.jsonl"), """
                {"id":"t1","domain":"telecom","text":"just checking in on the quote","label":"CHASE"}
                {"id":"t2","domain":"telecom","text":"what made you reach out","label":"NONE"}
                """);
        Files.writeString(dir.resolve("domains/cars.jsonl"), """
                {"id":"c1","domain":"cars","text":"are you ready to sign today","label":"CLOSE"}
                """);
        CliTest test = CliTest.run("", "eval", "--split", "test", "--corpus", dir.toString());
        assertThat(test.code()).isZero();
        assertThat(test.out()).contains("split test: [telecom]").contains("over 2 lines");
        assertThat(test.out()).containsPattern("(?m)^telecom\\s+2\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+\\S+\\s+0\\.0% \\(0 of 1\\)");
        assertThat(test.err()).contains("test domain 'fundraising' has no file yet");
        CliTest dev = CliTest.run("", "eval", "--split", "dev", "--corpus", dir.toString());
        assertThat(dev.out()).contains("split dev: [cars]").contains("over 1 lines").doesNotContain("telecom");
    }

    @Test
    void aLineFiledUnderTheWrongDomainIsSkippedSayingWhereItBelongs(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("domains"));
        Files.writeString(dir.resolve("split.json"), "{\"test\": [\"telecom\"]}");
        Files.writeString(dir.resolve("domains/cars.jsonl"), """
                {"id":"c1","domain":"cars","text":"are you ready to sign today","label":"CLOSE"}
                {"id":"c2","domain":"boats","text":"what made you reach out","label":"NONE"}
                """);
        CliTest r = CliTest.run("", "eval", "--split", "dev", "--corpus", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cars.jsonl:2: skipped: field 'domain' is 'boats' but the file holds domain 'cars': move the line to domains/boats.jsonl");
    }

    @Test
    void filesAndASplitTogetherAreRefused() {
        CliTest r = CliTest.run("", "eval", "--split", "dev", "some.jsonl");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("give either files or --split, not both");
    }

    @Test
    void aLineIsScoredAfterTheProspectsWordsItAnswers(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("answers.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"But you haven't even seen what it does yet.","context":"Please take me off your list.","label":"COUNTER"}
                {"id":"2","text":"But you haven't even seen what it does yet.","label":"NONE"}
                """);
        // rules alone, whose reading of these words depends on the prospect's refusal before them
        CliTest r = CliTest.run("", "eval", "--learned", "off", f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("COUNTER\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1");
        assertThat(r.out()).contains("NONE flagged 0.0% (0 of 1)");
    }

    @Test
    void withoutContextScoresTheLinesAsAMicrophoneOnlySetUpHearsThem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("answers.jsonl");
        Files.writeString(f, """
                {"id":"1","text":"But you haven't even seen what it does yet.","context":"Please take me off your list.","label":"COUNTER"}
                {"id":"2","text":"That price includes setup, training and a year of support.","context":"That's more than we budgeted.","label":"DEFEND"}
                """);
        CliTest r = CliTest.run("", "eval", "--learned", "off", "--without-context", "--errors", f.toString());
        assertThat(r.code()).isZero();
        // no objection can be heard there, so arguing is heard as arguing; a defence needs the challenge it answers
        assertThat(r.out()).containsPattern("COUNTER\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1");
        assertThat(r.out()).containsPattern("DEFEND\\s+0\\.000\\s+0\\.000\\s+0\\.000\\s+1");
        assertThat(r.out()).contains("miss DEFEND   -> NONE     2: That price includes").doesNotContain("[after:");
    }

    @Test
    void aTurnWithTwoPressuresCountsAsItsHeaviestRule(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("team.json");
        Files.writeString(rules, """
                {"version": 1, "rules": [
                  {"id": "chase.plink", "category": "CHASE", "weight": 1, "patterns": ["plink plonk"],
                   "reframe": {"shift": "find-fit", "ask": "Is this still useful to you?"}},
                  {"id": "urgency.zarg", "category": "URGENCY", "weight": 4, "patterns": ["zarg zorg"],
                   "reframe": {"shift": "remove-hidden-pressure", "ask": "Whose timeline is this?"}}]}
                """);
        Path f = dir.resolve("two.jsonl");
        Files.writeString(f, "{\"id\":\"1\",\"text\":\"plink plonk, and then zarg zorg\",\"label\":\"URGENCY\"}\n");
        CliTest r = CliTest.run("", "eval", "--rules", rules.toString(), f.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("URGENCY\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+1");
    }

    /**
     * The quality bar from the foundation issue, on the lines that were held out before the corpus was split by
     * domain (the legacy domain's "test-" lines). The legacy domain is now a dev domain, so this guards against
     * regressions on our own phrasing; the held-out domains' figures are reported in README's Quality section.
     */
    @Test
    void theLegacyHeldOutLinesMeetTheQualityBar(@TempDir Path dir) throws Exception {
        Path legacyTest = dir.resolve("legacy-test.jsonl");
        Files.write(legacyTest, Files.readAllLines(Path.of("..", "seeds", "corpus", "domains", "legacy.jsonl")).stream()
                .filter(l -> l.contains("\"id\": \"test-")).toList());
        CliTest r = CliTest.run("", "eval", legacyTest.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("over 338 lines");
        assertFigures(r.out(), 0.90, 0.85, 3.0);
    }

    /**
     * The held-out test domains, never tuned on, stay above the floor measured when they arrived (README's Quality
     * section has the figures; the aim is the bar above). A change that loses generalisation fails here. The fourth
     * batch of eight domains, by four new authors, scored 0.741 on arrival and took the 24-domain split to 0.781.
     */
    @Test
    void theHeldOutTestDomainsStayAboveTodaysFloor() {
        CliTest r = CliTest.run("", "eval", "--split", "test", "--corpus", "../seeds/corpus");
        assertThat(r.code()).isZero();
        assertFigures(r.out(), 0.85, 0.77, 4.0);
    }

    /**
     * Many transcripts and quick notes have no apostrophes ("dont", "were going to", "lets"). The rules must hear the
     * held-out test domains written that way nearly as well as with them (measured: 0.715 against 0.729; before the
     * contractions were read without their apostrophes, 0.647).
     */
    @Test
    void theHeldOutTestDomainsWrittenWithoutApostrophesAreHeardNearlyAsWell(@TempDir Path dir) throws Exception {
        Path file = testDomainsRewritten(dir, text -> text.replace("'", "").replace("\u2019", ""));
        double written = macroF1(CliTest.run("", "eval", "--split", "test", "--corpus", "../seeds/corpus", "--learned", "off").out());
        double stripped = macroF1(CliTest.run("", "eval", "--learned", "off", file.toString()).out());
        assertThat(stripped).as("macro-F1 without apostrophes against %.3f with them", written).isGreaterThanOrEqualTo(written - 0.03);
    }

    /**
     * Spoken English restarts ("i i think") and strews "you know" and "i mean"; the rules must hear the held-out test
     * domains said that way (every eleventh word said twice, "you know" before every thirteenth) nearly as well as
     * plainly spoken (measured: 0.724 against 0.735; before restarts and passing "you know"s were read, 0.633).
     */
    @Test
    void theHeldOutTestDomainsSaidWithRestartsAndYouKnowsAreHeardNearlyAsWell(@TempDir Path dir) throws Exception {
        Path plain = testDomainsRewritten(dir, EvalCommandTest::spoken);
        Path restarts = testDomainsRewritten(dir, text -> {
            String[] words = spoken(text).split(" ");
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < words.length; i++) {
                if (i % 13 == 6) out.append("you know ");
                out.append(words[i]).append(' ');
                if (i % 11 == 4) out.append(words[i]).append(' ');
            }
            return out.toString().trim();
        });
        double said = macroF1(CliTest.run("", "eval", "--learned", "off", plain.toString()).out());
        double restarted = macroF1(CliTest.run("", "eval", "--learned", "off", restarts.toString()).out());
        assertThat(restarted).as("macro-F1 with restarts and you-knows against %.3f without", said).isGreaterThanOrEqualTo(said - 0.03);
    }

    /** As Vosk gives speech: lower case, no punctuation. */
    private static String spoken(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9' ]+", " ").trim().replaceAll(" +", " ");
    }

    /** The held-out test domains' lines, each text rewritten, in one file. */
    private static Path testDomainsRewritten(Path dir, java.util.function.UnaryOperator<String> rewrite) throws Exception {
        List<String> out = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode d : dev.pressuremonitor.models.Json.readTree(Files.readString(Path.of("../seeds/corpus/split.json"))).get("test")) {
            for (String l : Files.readAllLines(Path.of("../seeds/corpus/domains", d.asText() + ".jsonl"))) {
                if (l.isBlank()) continue;
                var line = (com.fasterxml.jackson.databind.node.ObjectNode) dev.pressuremonitor.models.Json.readTree(l);
                line.put("text", rewrite.apply(line.get("text").asText()));
                out.add(line.toString());
            }
        }
        return Files.write(Files.createTempFile(dir, "test-domains-", ".jsonl"), out);
    }

    private static double macroF1(String report) {
        Matcher macro = Pattern.compile("macro-F1 ([0-9.]+) over").matcher(report);
        assertThat(macro.find()).as("eval printed its macro-F1:%n%s", report).isTrue();
        return Double.parseDouble(macro.group(1));
    }

    /** Every category's precision, the macro-F1 and the NONE-flagged rate of an eval report against a bar. */
    private static void assertFigures(String report, double minPrecision, double minMacroF1, double maxNoneFlaggedPercent) {
        Matcher row = Pattern.compile("(?m)^(PITCH|CLOSE|URGENCY|CHASE|COUNTER|DEFEND)\\s+([0-9]+\\.[0-9]+)").matcher(report);
        int rows = 0;
        while (row.find()) {
            rows++;
            assertThat(Double.parseDouble(row.group(2))).as("precision of " + row.group(1)).isGreaterThanOrEqualTo(minPrecision);
        }
        assertThat(rows).isEqualTo(6);
        Matcher macro = Pattern.compile("macro-F1 ([0-9.]+) .*NONE flagged ([0-9.]+)%").matcher(report);
        assertThat(macro.find()).isTrue();
        assertThat(Double.parseDouble(macro.group(1))).as("macro-F1").isGreaterThanOrEqualTo(minMacroF1);
        assertThat(Double.parseDouble(macro.group(2))).as("NONE flagged %").isLessThanOrEqualTo(maxNoneFlaggedPercent);
    }
}
