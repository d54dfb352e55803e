package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionCounterTest {

    private static QuestionCounter.Count count(List<Word> words) {
        return new QuestionCounter().count(Utterance.of(Speaker.REP, words).tokens());
    }

    @Test
    void openQuestionsInviteTalk() {
        assertThat(count(Words.at(0, "walk me through your process"))).isEqualTo(new QuestionCounter.Count(1, 0));
        assertThat(count(Words.at(0, "okay so how do you handle renewals"))).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    @Test
    void closedQuestionsTakeAYesOrNo() {
        assertThat(count(Words.at(0, "are you the decision maker"))).isEqualTo(new QuestionCounter.Count(0, 1));
    }

    @Test
    void statementsAreNotQuestions() {
        assertThat(count(Words.at(0, "what we do is automate payroll"))).isEqualTo(new QuestionCounter.Count(0, 0));
        assertThat(count(Words.at(0, "it works with salesforce"))).isEqualTo(new QuestionCounter.Count(0, 0));
    }

    @Test
    void aPauseStartsANewClauseSoTwoQuestionsCountTwice() {
        List<Word> words = new ArrayList<>(Words.at(0, "how is it going"));
        words.addAll(Words.at(2.0, "do you use slack"));
        assertThat(count(words)).isEqualTo(new QuestionCounter.Count(1, 1));
    }

    @Test
    void aQuestionRunOnAfterAStatementStillCounts() {
        assertThat(count(Words.at(0, "that makes sense how many clinics are we talking about"))).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    @Test
    void aQuestionWordInsideAStatementIsNotAQuestion() {
        assertThat(count(Words.at(0, "i know what would help your team"))).isEqualTo(new QuestionCounter.Count(0, 0));
    }

    private static QuestionCounter.Count written(String text) {
        List<Word> words = TextTokenizer.words(text, 0);
        return new QuestionCounter().count(Utterance.of(Speaker.REP, words).tokens(), words);
    }

    @Test
    void aQuestionAfterAGreetingInTheSameTurnCounts() {
        assertThat(written("Great to meet you. What made you reach out?")).isEqualTo(new QuestionCounter.Count(1, 0));
        assertThat(count(Words.at(0, "great to meet you what made you reach out"))).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    @Test
    void aQuestionAfterAPreambleInTheSameTurnCounts() {
        assertThat(written("Let me ask you this - what's the biggest thing slowing you down?")).isEqualTo(new QuestionCounter.Count(1, 0));
        assertThat(count(Words.at(0, "let me ask you this what's the biggest thing slowing you down"))).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    @Test
    void aQuestionWordAndAVerbAsk() {
        assertThat(written("What works best for you?")).isEqualTo(new QuestionCounter.Count(1, 0));
        assertThat(count(Words.at(0, "what works best for you"))).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    @Test
    void aWrittenQuestionMarkMakesAQuestionOfAStatement() {
        assertThat(written("So you're on spreadsheets today?")).isEqualTo(new QuestionCounter.Count(0, 1));
        assertThat(written("So you're on spreadsheets today.")).isEqualTo(new QuestionCounter.Count(0, 0));
    }

    @Test
    void writtenSentencesAreCountedOneByOne() {
        assertThat(written("How are you handling renewals today? Is it manual?")).isEqualTo(new QuestionCounter.Count(1, 1));
        assertThat(written("That's what most of our customers tell us. Tell me about your team.")).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    @Test
    void anAuxiliaryInsideAnOpenQuestionDoesNotStartAnother() {
        assertThat(count(Words.at(0, "how much time does your team spend on this"))).isEqualTo(new QuestionCounter.Count(1, 0));
    }

    private static QuestionCounter.Count spoken(String text) {
        return count(Words.at(0, text));
    }

    private static final QuestionCounter.Count NONE = new QuestionCounter.Count(0, 0);
    private static final QuestionCounter.Count ONE_OPEN = new QuestionCounter.Count(1, 0);
    private static final QuestionCounter.Count ONE_CLOSED = new QuestionCounter.Count(0, 1);

    @Test
    void aPauseOfExactlyCLAUSE_PAUSEStartsANewSentence() {
        List<Word> words = new ArrayList<>(List.of(new Word("how", 0.0, 0.07, 1), new Word("is", 0.08, 0.15, 1),
                new Word("it", 0.16, 0.23, 1), new Word("going", 0.24, 0.3, 1)));
        words.addAll(Words.at(0.75, "do you use slack"));   // 0.45 s after "going"
        assertThat(count(words)).isEqualTo(new QuestionCounter.Count(1, 1));
    }

    @Test
    void shortRepliesAreNotQuestions() {
        assertThat(spoken("sounds good")).isEqualTo(NONE);
        assertThat(spoken("will do")).isEqualTo(NONE);
        assertThat(spoken("can do")).isEqualTo(NONE);
    }

    @Test
    void aTagAtTheEndMakesAStatementAClosedQuestion() {
        assertThat(spoken("nice isn't it")).isEqualTo(ONE_CLOSED);
        assertThat(spoken("it is a big team isn't it")).isEqualTo(ONE_CLOSED);
    }

    @Test
    void notWithoutAnAuxiliaryOrAPronounIsNoTag() {
        assertThat(spoken("we want the blue one not that")).isEqualTo(NONE);
        assertThat(spoken("the price is not bad")).isEqualTo(NONE);
        assertThat(spoken("that is what we have for you")).isEqualTo(NONE);
    }

    @Test
    void aQuestionRightAfterAnAcknowledgementCounts() {
        assertThat(spoken("got it are the invoices done by hand")).isEqualTo(ONE_CLOSED);
        assertThat(spoken("thanks who owns the budget")).isEqualTo(ONE_OPEN);
    }

    @Test
    void aWrittenQuestionWordSentenceEndingInAFullStopIsAStatement() {
        assertThat(written("What made the difference was the price.")).isEqualTo(NONE);
        assertThat(written("Can you believe it!")).isEqualTo(NONE);
    }

    @Test
    void aWrittenRequestToTalkCountsAfterALeadIn() {
        assertThat(written("So tell me about your team.")).isEqualTo(ONE_OPEN);
    }

    @Test
    void aQuestionMarkBeforeAClosingQuoteStillAsks() {
        assertThat(written("So you're on spreadsheets today?\"")).isEqualTo(ONE_CLOSED);
    }

    @Test
    void aOneWordWrittenQuestionOpeningTheTurnCounts() {
        assertThat(written("Thoughts? Happy to walk through the numbers.")).isEqualTo(ONE_CLOSED);
    }

    @Test
    void whoseAndWhichOpenAQuestionWithTheirNoun() {
        assertThat(spoken("whose budget would this come from")).isEqualTo(ONE_OPEN);
        assertThat(spoken("which tool fits best")).isEqualTo(ONE_OPEN);
    }

    @Test
    void whichMeansIsAStatement() {
        assertThat(spoken("which means we save you ten hours a week")).isEqualTo(NONE);
        assertThat(written("Which means you get it all in one place.")).isEqualTo(NONE);
    }

    @Test
    void aQuestionWordWithoutAVerbIsAnExclamation() {
        assertThat(spoken("what a great question")).isEqualTo(NONE);
    }

    @Test
    void anythingElseAsksButAnythingAloneDoesNot() {
        assertThat(spoken("anything else i should know")).isEqualTo(ONE_CLOSED);
        assertThat(spoken("anything works for us")).isEqualTo(NONE);
    }

    @Test
    void anAuxiliaryThatAsksWhateverFollowsIt() {
        assertThat(spoken("would friday work")).isEqualTo(ONE_CLOSED);
        assertThat(spoken("would be great to get started")).isEqualTo(NONE);
        assertThat(spoken("might take a week or two")).isEqualTo(NONE);
    }

    @Test
    void aNegatedAuxiliaryAndItsSubjectAsk() {
        assertThat(spoken("don't you think")).isEqualTo(ONE_CLOSED);
    }

    @Test
    void aRequestToTalkInsideASentenceCounts() {
        assertThat(spoken("we did a pilot last year tell me more about yours")).isEqualTo(ONE_OPEN);
    }

    @Test
    void whoAndWhichInsideASentenceAreRelative() {
        assertThat(spoken("the person who has the final say is away this week")).isEqualTo(NONE);
        assertThat(spoken("the plan which is cheapest works best")).isEqualTo(NONE);
    }

    @Test
    void aQuestionWordAfterAndAsks() {
        assertThat(spoken("we spoke to finance and who signs off on this")).isEqualTo(ONE_OPEN);
        assertThat(spoken("we covered the setup and what about pricing")).isEqualTo(ONE_OPEN);
    }

    @Test
    void aQuestionWordAndAnAuxiliaryRunOnAfterAStatement() {
        assertThat(spoken("we tried it last year it was fine what do you think")).isEqualTo(ONE_OPEN);
    }

    @Test
    void anAuxiliaryAndYouRunOnAfterAStatement() {
        assertThat(spoken("we could start next month would you be ready")).isEqualTo(ONE_CLOSED);
    }

    @Test
    void aTurnEndingOnHelpIsNoQuestion() {
        assertThat(spoken("that is exactly where we can help")).isEqualTo(NONE);
    }

    @Test
    void aShortTagQuestionCounts() {
        assertThat(spoken("tough isn't it")).isEqualTo(ONE_CLOSED);
    }

    @Test
    void aTurnEndingOnDontIsNoQuestion() {
        assertThat(spoken("so just don't")).isEqualTo(NONE);
    }
}
