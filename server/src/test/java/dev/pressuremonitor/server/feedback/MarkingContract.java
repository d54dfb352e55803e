package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.FalseNudgeRate;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.MarkRequest;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Marking calls, stored and read back, against each database the server supports. */
abstract class MarkingContract {
    static final long NOW = 1_800_000_000_000L;
    static final Reframe R = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");

    CallStore store;
    Marking marking;
    /** Ids and team names are unique per test, so a shared PostgreSQL database needs no cleaning. */
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String emea = "emea-" + run, apac = "apac-" + run;
    final Principal anasViewer = new Principal(Principal.Kind.VIEWER, "ana", emea);
    final Principal emeaManager = new Principal(Principal.Kind.TEAM, "*", emea);
    final Principal apacManager = new Principal(Principal.Kind.TEAM, "*", apac);

    abstract CallStore open();

    @BeforeEach
    void openStore() {
        store = open();
        marking = new Marking(store, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    void append(String callId, long seq, Event e) {
        Envelope env = new Envelope(callId, seq, NOW, e);
        store.append(env).join();
    }

    static Alert nudge(Category c, String rule, String phrase, double at) {
        return new Alert(c, rule, phrase, Severity.MEDIUM, Speaker.REP, at, at + 1, true, R);
    }

    static TranscriptSegment said(Speaker who, String text, double at) {
        List<Word> words = new ArrayList<>();
        double t = at;
        for (String w : text.split(" ")) {
            words.add(new Word(w, t, t + 0.3, 1.0));
            t += 0.4;
        }
        return new TranscriptSegment(who, true, words);
    }

    /** ana's call in {@code team}: seq 2 a CHASE nudge at 10 s, seq 3 an URGENCY nudge at 30 s; with {@code words}, the transcript too. */
    String call(String team, boolean words) {
        return call(team, words, NOW - 60_000);
    }

    String call(String team, boolean words, long startedAt) {
        String id = "call-" + UUID.randomUUID().toString().substring(0, 8);
        append(id, 1, new CallStarted("ana", team, startedAt, true));
        append(id, 2, nudge(Category.CHASE, "chase.checking-in", "just checking in", 10));
        append(id, 3, nudge(Category.URGENCY, "urgency.deadline", "ends friday", 30));
        if (words) {
            append(id, 4, said(Speaker.PROSPECT, "we are still looking at options", 5));
            append(id, 5, said(Speaker.REP, "just checking in to see where you are", 10));
            append(id, 6, said(Speaker.REP, "if you sign today i can hold the price", 40));
        }
        return id;
    }

    @Test
    void aRepsNotPressureMarkIsStoredWithWhoWhenAndTheAlertsRulePhraseAndCategory() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        assertThat(marking.forCall(anasViewer, id).marks()).containsExactly(m);
        assertThat(m.kind()).isEqualTo(FeedbackMark.Kind.NOT_PRESSURE);
        assertThat(m.markedBy()).isEqualTo("ana");
        assertThat(m.role()).isEqualTo(FeedbackMark.Role.REP);
        assertThat(m.markedAt()).isEqualTo(NOW);
        assertThat(m.rule()).isEqualTo("chase.checking-in");
        assertThat(m.category()).isEqualTo(Category.CHASE);
        assertThat(m.phrase()).isEqualTo("just checking in");
        assertThat(m.review()).as("a rep's mark waits for the manager").isEqualTo(FeedbackMark.Review.PENDING);
    }

    @Test
    void withoutAKeptTranscriptAMarkHoldsNoWords() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        assertThat(m.words()).isNull();
        assertThat(m.context()).isNull();
    }

    @Test
    void withAKeptTranscriptAMarkHoldsTheRepsWordsAndTheProspectsBefore() throws Exception {
        String id = call(emea, true);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.CONFIRMED, 2));
        assertThat(m.words()).isEqualTo("just checking in to see where you are");
        assertThat(m.context()).isEqualTo("we are still looking at options");
    }

    @Test
    void aRepWhoMarksTheSameNudgeAgainChangesTheirMarkNotAddsOne() throws Exception {
        String id = call(emea, false);
        FeedbackMark first = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        FeedbackMark second = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.CONFIRMED, 2));
        assertThat(marking.forCall(anasViewer, id).marks()).extracting(FeedbackMark::kind).containsExactly(FeedbackMark.Kind.CONFIRMED);
        assertThat(second.id()).as("the same mark, changed").isEqualTo(first.id());
    }

    @Test
    void aManagersMarkIsConfirmedAsItIsMade() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(emeaManager, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 3));
        assertThat(m.role()).isEqualTo(FeedbackMark.Role.MANAGER);
        assertThat(m.review()).isEqualTo(FeedbackMark.Review.CONFIRMED);
    }

    @Test
    void aManagerConfirmsARepsMark() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        FeedbackMark reviewed = marking.review(emeaManager, m.id(), FeedbackMark.Review.CONFIRMED);
        assertThat(reviewed.review()).isEqualTo(FeedbackMark.Review.CONFIRMED);
        assertThat(reviewed.reviewedAt()).isEqualTo(NOW);
    }

    @Test
    void aRepCannotConfirmTheirOwnMark() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        assertThatThrownBy(() -> marking.review(anasViewer, m.id(), FeedbackMark.Review.CONFIRMED))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("only a manager");
    }

    @Test
    void anotherTeamsManagerNeitherSeesNorMarksNorReviewsTheCall() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        assertThatThrownBy(() -> marking.forCall(apacManager, id)).isInstanceOf(Marking.Refused.class).hasMessageContaining("no call");
        assertThatThrownBy(() -> marking.mark(apacManager, id, MarkRequest.alert(FeedbackMark.Kind.CONFIRMED, 2)))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("no call");
        assertThatThrownBy(() -> marking.review(apacManager, m.id(), FeedbackMark.Review.REJECTED))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("no mark");
        assertThat(store.feedback().forTeam(apac, null, null, 0, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void aRepOfTheSameNameInAnotherTeamCannotMarkTheCall() throws Exception {
        String id = call(emea, false);
        Principal anaOfApac = new Principal(Principal.Kind.VIEWER, "ana", apac);
        assertThatThrownBy(() -> marking.mark(anaOfApac, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2)))
                .isInstanceOf(Marking.Refused.class).extracting(e -> ((Marking.Refused) e).status).isEqualTo(404);
    }

    @Test
    void anAgentTokenCannotMark() throws Exception {
        String id = call(emea, false);
        Principal agent = new Principal(Principal.Kind.AGENT, "ana", emea);
        assertThatThrownBy(() -> marking.mark(agent, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2)))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("viewer token");
    }

    @Test
    void aMissedLineCarriesThatLinesWordsAndTheChosenCategory() throws Exception {
        String id = call(emea, true);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.missedLine(Category.CLOSE, 6));
        assertThat(m.kind()).isEqualTo(FeedbackMark.Kind.MISSED);
        assertThat(m.category()).isEqualTo(Category.CLOSE);
        assertThat(m.words()).isEqualTo("if you sign today i can hold the price");
        assertThat(m.line()).isEqualTo(6L);
    }

    @Test
    void markingTheSameLineMissedAgainChangesTheCategoryNotAddsAMark() throws Exception {
        String id = call(emea, true);
        marking.mark(anasViewer, id, MarkRequest.missedLine(Category.CLOSE, 6));
        marking.mark(anasViewer, id, MarkRequest.missedLine(Category.URGENCY, 6));
        assertThat(marking.forCall(anasViewer, id).marks()).extracting(FeedbackMark::category).containsExactly(Category.URGENCY);
    }

    @Test
    void theProspectsLineCannotBeMarkedAsTheRepsPressure() throws Exception {
        String id = call(emea, true);
        assertThatThrownBy(() -> marking.mark(anasViewer, id, MarkRequest.missedLine(Category.CLOSE, 4)))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("the prospect's");
    }

    @Test
    void aMissedStretchOfACallWithoutTranscriptHoldsItsTimesButNoWords() throws Exception {
        String id = call(emea, false);
        FeedbackMark m = marking.mark(anasViewer, id, MarkRequest.missedStretch(Category.CLOSE, 38, 45));
        assertThat(m.start()).isEqualTo(38.0);
        assertThat(m.end()).isEqualTo(45.0);
        assertThat(m.words()).isNull();
    }

    @Test
    void aStretchStartingAfterTheCallEndedIsRefusedSayingHowLongTheCallWas() throws Exception {
        String id = call(emea, false);
        append(id, 9, new CallEnded(60, "user"));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> store.summary(id).map(s -> s.ended()).orElse(false));
        assertThatThrownBy(() -> marking.mark(anasViewer, id, MarkRequest.missedStretch(Category.CLOSE, 61, 70)))
                .isInstanceOf(Marking.Refused.class).hasMessage("the call lasted 1:00: a stretch from 1:01 starts after it ended");
    }

    @Test
    void aCallTakesOnlySoManyMarks() throws Exception {
        String id = call(emea, false);
        Marking capped = new Marking(store, Clock.systemUTC(), 2);
        capped.mark(anasViewer, id, MarkRequest.missedStretch(Category.CLOSE, 1, 2));
        capped.mark(anasViewer, id, MarkRequest.missedStretch(Category.CLOSE, 3, 4));
        assertThatThrownBy(() -> capped.mark(anasViewer, id, MarkRequest.missedStretch(Category.CLOSE, 5, 6)))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("already has 2 marks")
                .extracting(e -> ((Marking.Refused) e).status).isEqualTo(429);
    }

    @Test
    void anAlertTheCallDoesNotHaveIsRefusedWithWhereToFindTheIds() throws Exception {
        String id = call(emea, false);
        assertThatThrownBy(() -> marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 99)))
                .isInstanceOf(Marking.Refused.class).hasMessageContaining("has no alert 99").hasMessageContaining("/feedback");
    }

    @Test
    void theFalseNudgeRateIsPerRuleAndLeavesOutRejectedMarks() throws Exception {
        String a = call(emea, false), b = call(emea, false);
        marking.mark(anasViewer, a, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        FeedbackMark rejected = marking.mark(anasViewer, b, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 3));
        marking.review(emeaManager, rejected.id(), FeedbackMark.Review.REJECTED);
        assertThat(store.feedback().rates(emea, 0, Long.MAX_VALUE)).containsExactly(
                new FalseNudgeRate(Category.CHASE, "chase.checking-in", 2, 1, 0.5),
                new FalseNudgeRate(Category.URGENCY, "urgency.deadline", 2, 0, 0.0));
    }

    @Test
    void marksGoWithTheirCallWhenRetentionDeletesIt() throws Exception {
        // in the first minutes of 1970, so that the deletion touches no other test's calls in a shared database
        String id = call(emea, false, 1_000);
        append(id, 9, new CallEnded(60, "user"));
        marking.mark(anasViewer, id, MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> store.summary(id).map(s -> s.ended()).orElse(false));
        assertThat(store.deleteEndedBefore(180_000)).isPositive();
        assertThat(store.feedback().forTeam(emea, null, null, 0, Long.MAX_VALUE)).isEmpty();
    }
}
