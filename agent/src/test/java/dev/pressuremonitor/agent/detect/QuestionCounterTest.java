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
}
