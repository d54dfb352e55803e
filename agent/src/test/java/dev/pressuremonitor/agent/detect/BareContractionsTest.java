package dev.pressuremonitor.agent.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Contractions typed without their apostrophe whose spelling is also a word: read from the words around them. */
class BareContractionsTest {

    @ParameterizedTest(name = "\"{0}\" reads \"{1}\"")
    @CsvSource({
            "lets get you booked in, let us get you booked in",
            "so lets be honest, so let us be honest",
            "i think its the best option, i think it is the best option",
            "its now or never, it is now or never",
            "ill send it over tonight, i will send it over tonight",
            "honestly id go with the bigger plan, honestly i would go with the bigger plan",
            "were the only ones who do this, we are the only ones who do this",
            "yeah were going to need an answer, yeah we are going to need an answer",
            "dont worry, do not worry",
    })
    void atTheStartOfAClauseItIsTheContraction(String said, String read) {
        assertThat(Words.read(said)).isEqualTo(read);
    }

    @ParameterizedTest(name = "\"{0}\" stays")
    @CsvSource({
            "the app lets you see every order",
            "the plan pays for itself in its first year",
            "were you able to look at the quote",
            "so were the numbers what you expected",
            "she has been ill all week",
            "i am feeling ill",
            "just bring your id to the front desk",
            "you were right about the timing",
    })
    void afterASubjectOrAPrepositionOrBeforeASubjectItIsTheWord(String said) {
        assertThat(Words.read(said)).isEqualTo(said);
    }
}
