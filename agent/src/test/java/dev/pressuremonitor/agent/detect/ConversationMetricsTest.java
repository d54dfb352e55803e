package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConversationMetricsTest {

    private static ConversationMetrics metrics(boolean prospect) {
        return new ConversationMetrics(prospect, MetricsThresholds.research());
    }

    private static void say(ConversationMetrics m, Speaker s, List<Word> words) {
        m.add(Utterance.of(s, words));
    }

    /** n words, one every 0.4 s, each 0.3 s long: 0.3 s of speech then 0.1 s gap (joined as talk). */
    private static List<Word> speech(double start, int n) {
        return Words.at(start, 0.4, "word ".repeat(n).trim()).stream()
                .map(w -> new Word(w.text(), w.start(), w.start() + 0.3, 1.0)).toList();
    }

    @Test
    void talkShareIsRepTalkOverAllTalk() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.REP, speech(0, 10));       // 0.0 .. 3.9
        say(m, Speaker.PROSPECT, speech(5, 5));   // 5.0 .. 6.9
        ConversationMetrics.Figures f = m.figures(10);
        assertThat(f.repTalk()).isCloseTo(3.9, within(1e-9));
        assertThat(f.prospectTalk()).isCloseTo(1.9, within(1e-9));
        assertThat(f.repTalkShare()).isCloseTo(3.9 / 5.8, within(1e-9));
    }

    @Test
    void talkShareIsUnknownWithoutAProspectChannel() {
        ConversationMetrics m = metrics(false);
        say(m, Speaker.REP, speech(0, 10));
        assertThat(m.figures(5).repTalkShare()).isNull();
    }

    @Test
    void aProspectTurnEndsTheMonologueButABackchannelDoesNot() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.REP, speech(0, 50));                                    // 0 .. 19.9
        say(m, Speaker.PROSPECT, List.of(new Word("mhm", 10.0, 10.3, 1.0)));   // backchannel
        say(m, Speaker.PROSPECT, speech(20.2, 4));                             // a real turn 20.2 .. 21.7
        say(m, Speaker.REP, speech(22.5, 10));                                 // 22.5 .. 26.4: 2.6 s after the rep, so only the turn ends it
        ConversationMetrics.Figures f = m.figures(26.4);
        assertThat(f.longestMonologue()).isCloseTo(19.9, within(1e-9));
        assertThat(f.longestMonologueAt()).isEqualTo(0.0);
        assertThat(f.currentMonologue()).isCloseTo(3.9, within(1e-9));
    }

    @Test
    void aThreeWordBackchannelUnderASecondDoesNotEndTheMonologue() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.REP, speech(0, 50));                                    // 0 .. 19.9
        say(m, Speaker.PROSPECT, Words.at(10.0, 0.3, "yeah that's right"));    // 10.0 .. 10.84
        assertThat(m.figures(20).longestMonologue()).isCloseTo(19.9, within(1e-9));
    }

    @Test
    void fourWordsFromTheProspectTakeTheFloor() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.REP, speech(0, 50));                                    // 0 .. 19.9
        say(m, Speaker.PROSPECT, Words.at(10.0, 0.2, "wait what was that"));   // 10.0 .. 10.76
        assertThat(m.figures(20).longestMonologue()).as("0 .. 10.3, then 10.4 .. 19.9").isCloseTo(10.3, within(1e-9));
    }

    @Test
    void silenceEndsTheCurrentMonologue() {
        ConversationMetrics m = metrics(false);
        say(m, Speaker.REP, speech(0, 10));
        assertThat(m.figures(4).currentMonologue()).isCloseTo(3.9, within(1e-9));
        assertThat(m.figures(10).currentMonologue()).isZero();
    }

    @Test
    void warnsWhenTheRepTalksTooMuch() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.REP, speech(0, 200));      // 79.9 s of rep talk
        say(m, Speaker.PROSPECT, speech(81, 20)); // 7.9 s
        assertThat(m.figures(90).warnings()).contains("talk-share-high");
    }

    @Test
    void paceCountsRepWordsPerMinuteOfRepSpeech() {
        ConversationMetrics m = metrics(false);
        say(m, Speaker.REP, speech(0, 100)); // 100 words in 39.9 s
        assertThat(m.figures(40).wordsPerMinute()).isCloseTo(100 * 60 / 39.9, within(1e-6));
        assertThat(m.figures(40).warnings()).doesNotContain("pace-fast", "pace-slow");
    }

    @Test
    void warnsWhenTheRepRushes() {
        ConversationMetrics m = metrics(false);
        say(m, Speaker.REP, Words.at(0, 0.25, "word ".repeat(100).trim())); // 240 words a minute
        assertThat(m.figures(26).warnings()).containsExactly("pace-fast");
    }

    @Test
    void countsTheRepStartingWhileTheProspectIsStillTalking() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.PROSPECT, speech(0, 10));  // 0 .. 3.9
        say(m, Speaker.REP, speech(2, 3));        // cuts in at 2.0
        say(m, Speaker.PROSPECT, speech(10, 5));
        say(m, Speaker.REP, speech(13, 3));       // waits until 12.9 is over
        assertThat(m.figures(20).interruptions()).isEqualTo(1);
    }

    @Test
    void countsOpenAndClosedQuestionsInSettledRepSpeech() {
        ConversationMetrics m = metrics(false);
        say(m, Speaker.REP, Words.at(0, "so what made you look at this"));
        say(m, Speaker.REP, Words.at(5, "do you have a budget"));
        say(m, Speaker.REP, Words.at(10, "what we do is payroll"));
        ConversationMetrics.Figures f = m.figures(12);
        assertThat(f.openQuestions()).isEqualTo(1);
        assertThat(f.closedQuestions()).isEqualTo(1);
    }

    @Test
    void aFinalResultSentTwiceCountsItsQuestionsAndTalkOnce() {
        ConversationMetrics m = metrics(true);
        List<Word> question = Words.at(0, "so what made you look at this");
        say(m, Speaker.REP, question);
        double talk = m.figures(3).repTalk();
        say(m, Speaker.REP, question);
        ConversationMetrics.Figures f = m.figures(3);
        assertThat(f.openQuestions()).isEqualTo(1);
        assertThat(f.repTalk()).isEqualTo(talk);
    }

    @Test
    void aRepeatedFinalThatRunsOnCountsOnlyItsNewWords() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.REP, Words.at(0, "what made you look at this"));
        List<Word> more = new java.util.ArrayList<>(Words.at(0, "what made you look at this"));
        more.addAll(Words.at(3, "do you have a budget"));
        say(m, Speaker.REP, more);
        assertThat(m.figures(5).openQuestions()).isEqualTo(1);
        assertThat(m.figures(5).closedQuestions()).isEqualTo(1);
    }

    @Test
    void theObjectionPauseRunsFromTheEndOfTheProspectsTurnNotWhileTheyKeepTalking() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.PROSPECT, Words.at(10, 0.4, "honestly it is too expensive for us"));   // ends 12.72
        m.objection(12.72);
        say(m, Speaker.PROSPECT, Words.at(13.2, 0.4, "we looked at the budget last quarter and it just did not fit anywhere")); // ends 18.72
        say(m, Speaker.REP, Words.at(19.7, "what would it need to look like"));
        assertThat(m.figures(22).objectionPauses()).singleElement().satisfies(p -> assertThat(p).isCloseTo(0.98, within(1e-9)));
    }

    @Test
    void aBackchannelWhileTheProspectGoesOnIsNotTheAnswer() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.PROSPECT, Words.at(10, 0.4, "it is too expensive for us"));           // ends 12.32
        m.objection(12.32);
        say(m, Speaker.REP, Words.at(12.6, "right"));
        say(m, Speaker.PROSPECT, Words.at(13.0, 0.4, "and the board will not sign off on it")); // ends 16.52
        say(m, Speaker.REP, Words.at(17.5, "what would they need to see"));
        assertThat(m.figures(20).objectionPauses()).singleElement().satisfies(p -> assertThat(p).isCloseTo(0.98, within(1e-9)));
    }

    @Test
    void anObjectionTheRepHasNotAnsweredHasNoPauseYet() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.PROSPECT, Words.at(10, 0.4, "it is too expensive for us"));
        m.objection(12.32);
        assertThat(m.figures(30).objectionPauses()).isEmpty();
    }

    @Test
    void twoObjectionsInOneTurnShareTheirOneAnswer() {
        ConversationMetrics m = metrics(true);
        say(m, Speaker.PROSPECT, Words.at(10, 0.4, "it is too expensive"));  // ends 11.52
        m.objection(11.52);
        say(m, Speaker.PROSPECT, Words.at(12, 0.4, "and we already have a vendor")); // ends 14.32
        m.objection(14.32);
        say(m, Speaker.REP, Words.at(15, "tell me more about that"));
        assertThat(m.figures(18).objectionPauses()).singleElement().satisfies(p -> assertThat(p).isCloseTo(0.68, within(1e-9)));
    }
}
