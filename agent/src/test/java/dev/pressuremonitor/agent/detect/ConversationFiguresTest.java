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

    /** The rep talking without a break from {@code start} to {@code end}, in one-second words. */
    private static Word[] talk(int start, int end) {
        Word[] out = new Word[end - start];
        for (int i = 0; i < out.length; i++) out[i] = w(start + i, start + i + 1);
        return out;
    }

    @Test
    void prospectWordsASecondApartAreOneTurnThatTakesTheFloor() {
        ConversationMetrics m = metrics();
        say(m, Speaker.PROSPECT, w(10, 10.5));
        say(m, Speaker.PROSPECT, w(11.5, 12));
        say(m, Speaker.REP, talk(0, 30));
        ConversationMetrics.Figures f = m.figures(30);
        assertThat(f.longestMonologue()).isEqualTo(19.0);
        assertThat(f.longestMonologueAt()).isEqualTo(11.0);
    }

    @Test
    void aProspectTurnOfExactlyASecondTakesTheFloor() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, talk(0, 30));
        say(m, Speaker.PROSPECT, w(10, 11));
        assertThat(m.figures(30).longestMonologue()).as("the prospect's last words").isEqualTo(19.0);
        say(m, Speaker.PROSPECT, w(20, 20.2));
        assertThat(m.figures(30).longestMonologue()).as("followed later by a backchannel").isEqualTo(19.0);
    }

    @Test
    void fourProspectWordsTakeTheFloorEvenWhenMoreFollowLater() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, talk(0, 30));
        say(m, Speaker.PROSPECT, w(10, 10.2), w(10.2, 10.4), w(10.4, 10.6), w(10.6, 10.8));
        say(m, Speaker.PROSPECT, w(25, 25.2));
        assertThat(m.figures(30).longestMonologue()).isEqualTo(19.0);
    }

    @Test
    void threeSecondsOfSilenceDoNotEndAMonologue() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        say(m, Speaker.REP, w(13, 20));
        assertThat(m.figures(20).longestMonologue()).isEqualTo(20.0);
    }

    @Test
    void ofTwoEquallyLongMonologuesTheFirstIsTheLongest() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        say(m, Speaker.PROSPECT, w(11, 13));
        say(m, Speaker.REP, w(14, 24));
        assertThat(m.figures(24).longestMonologueAt()).isEqualTo(0.0);
    }

    @Test
    void theCurrentMonologueEndsOnceTheProspectHasTakenTheFloor() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        say(m, Speaker.PROSPECT, w(10.5, 12));
        assertThat(m.figures(12.5).currentMonologue()).isZero();
    }

    @Test
    void theCurrentMonologueEndsWhenTheProspectStartsAsTheRepStops() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        say(m, Speaker.PROSPECT, w(10, 11.5));
        assertThat(m.figures(11.5).currentMonologue()).isZero();
    }

    @Test
    void theCurrentMonologueHoldsThroughThreeSecondsOfSilence() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        assertThat(m.figures(13).currentMonologue()).isEqualTo(10.0);
    }

    @Test
    void aMonologueWarnsOnlyOnceItRunsPastTwoMinutes() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 120));
        assertThat(m.figures(120).warnings()).doesNotContain("monologue-long");
        say(m, Speaker.REP, w(120, 120.5));
        assertThat(m.figures(120.5).warnings()).contains("monologue-long");
    }

    @Test
    void paceCountsAWordThatStartedExactlyAMinuteAgo() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 16), w(20, 36));
        assertThat(m.figures(80).wordsPerMinute()).isEqualTo(60 / 16.0);
    }

    @Test
    void paceCountsAGapOfAFewTenthsAsSpeech() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 0.45), w(0.75, 16));     // 0.3 s apart: 16 s of speech
        assertThat(m.figures(16).wordsPerMinute()).isCloseTo(2 * 60 / 16.0, within(1e-9));
    }

    @Test
    void paceIsMeasuredFromFifteenSecondsOfSpeech() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 15));
        assertThat(m.figures(15).wordsPerMinute()).isEqualTo(4.0);
    }

    @Test
    void aRepWhoHasBarelySpokenGetsNoPaceWarning() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 5));
        assertThat(m.figures(5).warnings()).isEmpty();
    }

    @Test
    void exactlyTheFastestAndSlowestPaceAreNotWarnings() {
        ConversationMetrics fast = metrics();
        Word[] words = new Word[44];                         // 44 words in 16 s: 165 a minute
        for (int i = 0; i < 43; i++) words[i] = w(i * 0.25, (i + 1) * 0.25);
        words[43] = w(10.75, 16);
        say(fast, Speaker.REP, words);
        assertThat(fast.figures(16).wordsPerMinute()).isEqualTo(165.0);
        assertThat(fast.figures(16).warnings()).doesNotContain("pace-fast");
        ConversationMetrics slow = metrics();
        Word[] few = new Word[25];                           // 25 words in 15 s: 100 a minute
        for (int i = 0; i < 24; i++) few[i] = w(i * 0.5, (i + 1) * 0.5);
        few[24] = w(12, 15);
        say(slow, Speaker.REP, few);
        assertThat(slow.figures(15).wordsPerMinute()).isEqualTo(100.0);
        assertThat(slow.figures(15).warnings()).doesNotContain("pace-slow");
    }

    @Test
    void startingToSpeakTogetherIsNoInterruption() {
        ConversationMetrics m = metrics();
        say(m, Speaker.PROSPECT, w(10, 15));
        say(m, Speaker.REP, w(10, 11));
        assertThat(m.figures(15).interruptions()).isZero();
    }

    @Test
    void startingInTheProspectsLastThreeTenthsIsNoInterruption() {
        ConversationMetrics m = metrics();
        say(m, Speaker.PROSPECT, w(10, 15));
        say(m, Speaker.REP, w(14.7, 16));
        assertThat(m.figures(16).interruptions()).isZero();
    }

    @Test
    void cuttingInOnAProspectWhoStartedAsTheRepStoppedIsAnInterruption() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, w(0, 10));
        say(m, Speaker.PROSPECT, w(10, 15));
        say(m, Speaker.REP, w(12, 13));
        assertThat(m.figures(15).interruptions()).isEqualTo(1);
    }

    @Test
    void aReplyStartingHalfASecondBeforeTheObjectionEndsAnswersIt() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, w(11.5, 12.3));
        assertThat(m.figures(13).objectionPauses()).containsExactly(0.0);
    }

    @Test
    void theProspectsWordsRightAfterTheObjectionBelongToItsTurn() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.PROSPECT, w(12.2, 12.75));
        say(m, Speaker.REP, w(14, 15));
        assertThat(m.figures(15).objectionPauses()).containsExactly(1.25);
    }

    @Test
    void aProspectWordStartingWithTheReplyDoesNotShortenThePause() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, w(14, 15));
        say(m, Speaker.PROSPECT, w(14, 14.5));
        assertThat(m.figures(15).objectionPauses()).containsExactly(2.0);
    }

    private static Word said(String text, double start, double end) {
        return new Word(text, start, end, 1.0);
    }

    @Test
    void aReplyOfFourWordsWhileTheProspectGoesOnIsTheAnswer() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, said("yeah", 13, 13.2), said("right", 13.2, 13.4), said("sure", 13.4, 13.6), said("okay", 13.6, 13.8));
        say(m, Speaker.PROSPECT, w(14, 16));
        assertThat(m.figures(16).objectionPauses()).containsExactly(1.0);
    }

    @Test
    void aShortReplyThatIsNotABackchannelIsTheAnswer() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, said("how", 13, 13.2), said("so", 13.2, 13.4));
        say(m, Speaker.PROSPECT, w(14, 16));
        assertThat(m.figures(16).objectionPauses()).containsExactly(1.0);
    }

    @Test
    void aThreeWordBackchannelWhileTheProspectGoesOnIsNotTheAnswer() {
        ConversationMetrics m = metrics();
        say(m, Speaker.REP, said("hello", 1, 2));
        m.objection(12.0);
        say(m, Speaker.REP, said("right", 12.5, 12.7), said("sure", 12.7, 12.9), said("okay", 12.9, 13.1));
        say(m, Speaker.PROSPECT, w(13, 16));
        say(m, Speaker.REP, w(17, 18));
        assertThat(m.figures(18).objectionPauses()).containsExactly(1.0);
    }

    @Test
    void theProspectsWordsFromTheCallsFirstMomentAreATurnTheRepCanInterrupt() {
        ConversationMetrics m = metrics();
        say(m, Speaker.PROSPECT, w(0, 0.2), w(0.2, 0.4), w(0.4, 0.6), w(0.6, 0.8));
        say(m, Speaker.REP, w(0.3, 0.4));
        assertThat(m.figures(1).interruptions()).isEqualTo(1);
    }

    @Test
    void backchannelsASecondApartAreOneRunOfListening() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, said("right", 12.5, 13), said("sure", 14, 14.2));
        say(m, Speaker.PROSPECT, w(13.5, 16));
        say(m, Speaker.REP, w(17, 18));
        assertThat(m.figures(18).objectionPauses()).containsExactly(1.0);
    }

    @Test
    void aBackchannelTheProspectDoesNotTalkOverIsTheAnswer() {
        ConversationMetrics m = metrics();
        m.objection(12.0);
        say(m, Speaker.REP, said("right", 12.5, 12.7), w(17, 18));
        say(m, Speaker.PROSPECT, w(17, 18));
        assertThat(m.figures(18).objectionPauses()).containsExactly(0.5);
    }
}
