package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Talk share, monologues and objection pauses at the edges a rep would notice (complements ConversationMetricsTest). */
class ConversationFiguresTest {

    private static ConversationMetrics metrics() {
        return new ConversationMetrics(true, MetricsThresholds.research());
    }

    private static void say(ConversationMetrics m, Speaker s, Word... words) {
        m.add(Utterance.of(s, List.of(words)));
    }

    private static Word w(double start, double end) {
        return new Word("word", start, end, 1.0);
    }

    /** n words, one every 0.4 s, each 0.3 s long (joined as talk): 0.4 n - 0.1 seconds of talk. */
    private static Word[] speech(double start, int n) {
        Word[] out = new Word[n];
        for (int i = 0; i < n; i++) out[i] = w(start + 0.4 * i, start + 0.4 * i + 0.3);
        return out;
    }

    @Test
    void talkShareIsShownWhenTheProspectTalksMoreThanTheRep() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        say(m, Speaker.PROSPECT, w(11, 41));
        assertThat(m.figures(41).repTalkShare()).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void talkShareIsZeroWhenOnlyTheProspectHasSpoken() {
        ConversationMetrics m = metrics();
        say(m, Speaker.PROSPECT, w(0, 5));
        assertThat(m.figures(5).repTalkShare()).isZero();
    }

    @Test
    void talkShareIsUnknownBeforeAnyoneSpeaks() {
        assertThat(metrics().figures(5).repTalkShare()).isNull();
    }

    @Test
    void theTalkShareWarningStartsOnceAMinuteOfTalkIsHeard() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 50));
        say(m, Speaker.PROSPECT, w(51, 60));
        assertThat(m.figures(60).warnings()).as("59 s of talk").doesNotContain("talk-share-high");
        say(m, Speaker.PROSPECT, w(61, 62));
        assertThat(m.figures(62).warnings()).as("60 s of talk, 83% of it the rep's").contains("talk-share-high");
    }

    @Test
    void aTalkShareOfExactlySixtyFivePercentIsNotYetAWarning() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 39));
        say(m, Speaker.PROSPECT, w(40, 61));
        assertThat(m.figures(61).warnings()).doesNotContain("talk-share-high");
        say(m, Speaker.REP, w(62, 62.2));
        assertThat(m.figures(63).warnings()).contains("talk-share-high");
    }

    @Test
    void wordsAFractionOfASecondApartCountAsContinuousTalk() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 0.2), w(0.5, 1));    // 0.3 s gap: joined, 1.0 s of talk
        say(m, Speaker.REP, w(1.5, 2));               // 0.5 s gap: a pause, 0.5 s more
        assertThat(m.figures(2).repTalk()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void theLongestMonologueSaysWhenItStarted() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, speech(0, 5));                  // 0 .. 1.9
        say(m, Speaker.PROSPECT, speech(2.5, 5));           // 2.5 .. 4.4
        say(m, Speaker.REP, speech(30, 50));                // 30 .. 49.9
        ConversationMetrics.Figures f = m.figures(50);
        assertThat(f.longestMonologue()).isCloseTo(19.9, within(1e-9));
        assertThat(f.longestMonologueAt()).isEqualTo(30.0);
    }

    @Test
    void theObjectionPauseRunsFromTheProspectsLastWordToTheRepsFirst() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(1, 2));                        // said before the objection: not an answer
        m.objection(12.0);
        say(m, Speaker.REP, w(14.5, 15));
        assertThat(m.figures(15).objectionPauses()).containsExactly(2.5);
        assertThat(m.figures(15).lastObjectionPause()).isEqualTo(2.5);
    }

    @Test
    void aRepWhoStartsAnsweringAsTheProspectFinishesPausedNotAtAll() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, w(11.7, 12.3), w(12.4, 13));
        assertThat(m.figures(13).objectionPauses()).containsExactly(0.0);
    }

    @Test
    void anObjectionNotYetAnsweredHasNoPause() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        assertThat(m.figures(13).objectionPauses()).isEmpty();
        assertThat(m.figures(13).lastObjectionPause()).isNull();
    }
}
