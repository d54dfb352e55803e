package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.TeamModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --with-feedback} on a small slice of the real corpus (two dev and two test domains, 80 lines each),
 * so that each run takes seconds: the team's marks change what the learned opinion hears, and a refit is measured
 * against the model in use before it may be used.
 */
class TrainWithFeedbackTest {
    /** The shipped learned opinion hears CLOSE here and no rule does. */
    static final String WELCOME_PACK = "ok so i will send the welcome pack over tonight and we can get you set up on monday";

    @TempDir
    static Path shared;
    static Path corpus, cache;

    @BeforeAll
    static void smallCorpus() throws IOException {
        corpus = SmallCorpus.create(shared);
        cache = shared.resolve("data");
    }

    static Path feedback(Path dir, String... lines) throws IOException {
        return Files.write(dir.resolve("feedback.jsonl"), List.of(lines), StandardCharsets.UTF_8);
    }

    static String line(String id, String team, String call, String text, String label) {
        return "{\"id\":\"" + id + "\",\"domain\":\"" + team + "\",\"call\":\"" + call + "\",\"text\":\"" + text + "\",\"label\":\"" + label + "\"}";
    }

    static CliTest train(Path feedback, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--corpus", corpus.toString(), "--data", cache.toString(),
                "--with-feedback", feedback.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliTest.run("", args.toArray(String[]::new));
    }

    @Test
    void aLineTheTeamMarkedNotPressureNoLongerNudgesWithTheAcceptedRefit(@TempDir Path dir) throws IOException {
        String before = CliTest.run("{\"id\":\"1\",\"text\":\"" + WELCOME_PACK + "\"}\n", "classify").out();
        assertThat(before).as("the shipped model hears it").contains("learned.close");

        Path out = dir.resolve("emea-model.json");
        CliTest r = train(feedback(dir, line("1", "emea", "call-1", WELCOME_PACK, "NONE")), out);

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("ACCEPTED").contains("model push --team emea");
        String after = CliTest.run("{\"id\":\"1\",\"text\":\"" + WELCOME_PACK + "\"}\n", "classify", "--learned-model", out.toString()).out();
        assertThat(after).doesNotContain("learned.close");
    }

    @Test
    void aRefitThatLowersPrecisionIsRefusedWithThePerCategoryComparisonPrinted(@TempDir Path dir) throws IOException {
        // a mislabelled batch: small talk marked as pushing to close
        List<String> poison = new ArrayList<>();
        List<String> none = Files.readAllLines(Path.of("../seeds/corpus/domains/legacy.jsonl")).stream().filter(l -> l.contains("\"NONE\"")).limit(40).toList();
        for (int i = 0; i < none.size(); i++) {
            String text = none.get(i).replaceAll(".*\"text\": \"([^\"]*)\".*", "$1");
            poison.add(line("p" + i, "emea", "call-" + (i % 4), text, "CLOSE"));
        }
        Path out = dir.resolve("bad.json");
        CliTest r = train(feedback(dir, poison.toArray(String[]::new)), out);

        assertThat(r.code()).as(r.err()).isEqualTo(FeedbackRefit.REFUSED);
        assertThat(r.out()).contains("our held-out test domains", "precision (may drop)", "recall", "F1", "team 'emea' held-out calls")
                .containsPattern("CLOSE\\s+1\\.000 -> 0\\.\\d+ \\(0\\.\\d+\\).*PRECISION FELL")
                .contains("REFUSED: the refit would lower precision: CLOSE precision");
        assertThat(r.out()).contains("marked not accepted: the server will not take it");
    }

    @Test
    void namesTheRulesTheTeamMarksWrongMostOftenFirst(@TempDir Path dir) throws IOException {
        CliTest r = train(feedback(dir,
                line("1", "emea", "a", "perfect so let us put you down for the three hundred", "NONE"),
                line("2", "emea", "b", "great so let us put you down for the starter plan then", "NONE"),
                line("3", "emea", "c", WELCOME_PACK, "NONE")), dir.resolve("m.json"));

        String report = r.out().substring(r.out().indexOf("what the team disagrees with most"));
        assertThat(report.lines().skip(1).findFirst().orElseThrow()).contains("close.ask-for-commitment").contains("2 marked not pressure");
        assertThat(report).contains("learned.close").contains("1 marked not pressure");
    }

    @Test
    void feedbackOfAnotherTeamNeverTrainsThisTeamsModel(@TempDir Path dir) throws IOException {
        CliTest r = train(feedback(dir, line("1", "emea", "a", WELCOME_PACK, "NONE"), line("2", "apac", "b", "hello there", "NONE")),
                dir.resolve("m.json"), "--team", "emea");

        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("other teams [apac]").contains("feedback export --team emea");
        assertThat(dir.resolve("m.json")).doesNotExist();
    }

    @Test
    void theModelFileNamesItsTeamEncoderAndComparisonAndItsChecksumHolds(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.json");
        train(feedback(dir, line("1", "emea", "a", WELCOME_PACK, "NONE")), out);

        TeamModelFile f = TeamModelFile.read(Files.readAllBytes(out));
        assertThat(f.team()).isEqualTo("emea");
        assertThat(f.baseEncoder()).startsWith(dev.pressuremonitor.agent.detect.learned.SentenceEncoder.NAME + "@");
        assertThat(f.accepted()).isTrue();
        assertThat(f.comparison().path("ours").path("categories").path("CLOSE").path("base").path("precision").isNumber()).isTrue();
    }

    @Test
    void aSecondRunEmbedsOnlyTheNewLines(@TempDir Path dir) throws IOException {
        train(feedback(dir, line("1", "emea", "a", WELCOME_PACK, "NONE")), dir.resolve("m.json"));
        CliTest again = train(feedback(dir, line("1", "emea", "a", WELCOME_PACK, "NONE"), line("2", "emea", "a", "one new line here", "NONE")),
                dir.resolve("m.json"));

        assertThat(again.err()).contains("embedded 1 new texts");
    }
}
