package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.FeedbackExport;
import dev.pressuremonitor.models.FeedbackMark;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A team's marks become lines a corpus file could hold, and what cannot become a line is counted with its reason. */
class CorpusExportTest {
    static FeedbackMark mark(String id, FeedbackMark.Kind kind, Long alert, Category c, String phrase, String words, FeedbackMark.Role role,
                             FeedbackMark.Review review, long at) {
        return new FeedbackMark(id, "call-1", "emea", "ana", kind, alert, alert == null ? null : "rule.x", c, phrase, null, 10, 11,
                words, words == null ? null : "we are still looking", role == FeedbackMark.Role.REP ? "ana" : "manager", role, at, review, null);
    }

    static FeedbackMark rep(String id, FeedbackMark.Kind kind, Long alert, Category c, String phrase, String words) {
        return mark(id, kind, alert, c, phrase, words, FeedbackMark.Role.REP, FeedbackMark.Review.PENDING, 1);
    }

    @Test
    void aNudgeMarkedNotPressureIsANoneLineInTheCorpusFormatWithTheTeamAsDomain() {
        FeedbackExport e = CorpusExport.of("emea", List.of(rep("a1", FeedbackMark.Kind.NOT_PRESSURE, 2L, Category.CHASE, "checking in", "just checking in on the order you placed")));
        assertThat(e.lines()).extracting(FeedbackExport.CorpusLine::jsonl).containsExactly(
                "{\"id\":\"emea-fb-a1\",\"domain\":\"emea\",\"text\":\"just checking in on the order you placed\",\"label\":\"NONE\",\"context\":\"we are still looking\"}");
    }

    @Test
    void aConfirmedNudgeAndAMissedMomentAreLinesOfTheirCategory() {
        FeedbackExport e = CorpusExport.of("emea", List.of(
                rep("a1", FeedbackMark.Kind.CONFIRMED, 2L, Category.CHASE, "checking in", "just checking in"),
                rep("a2", FeedbackMark.Kind.MISSED, null, Category.CLOSE, null, "shall i send the contract over")));
        assertThat(e.lines()).extracting(FeedbackExport.CorpusLine::label).containsExactly("CHASE", "CLOSE");
    }

    @Test
    void withoutKeptWordsTheMatchedPhraseIsTheTextAndHasNoContext() {
        FeedbackExport e = CorpusExport.of("emea", List.of(rep("a1", FeedbackMark.Kind.NOT_PRESSURE, 2L, Category.CHASE, "checking in", null)));
        assertThat(e.lines()).extracting(FeedbackExport.CorpusLine::jsonl)
                .containsExactly("{\"id\":\"emea-fb-a1\",\"domain\":\"emea\",\"text\":\"checking in\",\"label\":\"NONE\"}");
        assertThat(e.phraseOnly()).isEqualTo(1);
    }

    @Test
    void aMissedStretchWithoutWordsIsSkippedAndCountedWithWhy() {
        FeedbackExport e = CorpusExport.of("emea", List.of(rep("a1", FeedbackMark.Kind.MISSED, null, Category.CLOSE, null, null)));
        assertThat(e.lines()).isEmpty();
        assertThat(e.skipped()).containsExactly(new FeedbackExport.Skipped(CorpusExport.NO_WORDS, 1));
    }

    @Test
    void aRejectedMarkIsSkippedAndCountedWithWhy() {
        FeedbackExport e = CorpusExport.of("emea", List.of(mark("a1", FeedbackMark.Kind.NOT_PRESSURE, 2L, Category.CHASE, "checking in", null,
                FeedbackMark.Role.REP, FeedbackMark.Review.REJECTED, 1)));
        assertThat(e.lines()).isEmpty();
        assertThat(e.skipped()).containsExactly(new FeedbackExport.Skipped(CorpusExport.REJECTED, 1));
    }

    @Test
    void onTheSameNudgeTheManagersMarkWinsOverTheReps() {
        FeedbackExport e = CorpusExport.of("emea", List.of(
                mark("m1", FeedbackMark.Kind.CONFIRMED, 2L, Category.CHASE, "checking in", null, FeedbackMark.Role.MANAGER, FeedbackMark.Review.CONFIRMED, 1),
                mark("r1", FeedbackMark.Kind.NOT_PRESSURE, 2L, Category.CHASE, "checking in", null, FeedbackMark.Role.REP, FeedbackMark.Review.PENDING, 2)));
        assertThat(e.lines()).extracting(FeedbackExport.CorpusLine::label).containsExactly("CHASE");
        assertThat(e.skipped()).containsExactly(new FeedbackExport.Skipped(CorpusExport.SUPERSEDED, 1));
    }

    @Test
    void theSameWordsWithTheSameLabelBecomeOneLine() {
        FeedbackExport e = CorpusExport.of("emea", List.of(
                rep("a1", FeedbackMark.Kind.NOT_PRESSURE, 2L, Category.CHASE, "checking in", null),
                rep("a2", FeedbackMark.Kind.NOT_PRESSURE, 5L, Category.CHASE, "checking in", null)));
        assertThat(e.lines()).hasSize(1);
        assertThat(e.skipped()).containsExactly(new FeedbackExport.Skipped(CorpusExport.DUPLICATE, 1));
    }
}
