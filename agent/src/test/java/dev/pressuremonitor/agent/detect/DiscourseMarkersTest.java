package dev.pressuremonitor.agent.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** "you know" and "i mean" said in passing are not heard; said as words of the sentence, they are. */
class DiscourseMarkersTest {

    @ParameterizedTest(name = "\"{0}\" reads \"{1}\"")
    @CsvSource({
            "it's you know the best option out there, it is the best option out there",
            "i mean you need to decide by friday, you need to decide by friday",
            "you really you know need to lock this in, you really need to lock this in",
            "we are i mean the cheapest in town, we are the cheapest in town",
            "i i think you you know really need to decide, i think you really need to decide",
            "we're like the only ones who do this, we are the only ones who do this",
            "honestly it's like a scam, honestly it is a scam",
    })
    void saidInPassingItIsNotHeard(String said, String read) {
        assertThat(Words.read(said)).isEqualTo(read);
    }

    @ParameterizedTest(name = "\"{0}\" stays")
    @ValueSource(strings = {
            "did you know we are the only ones",
            "just so you know we close at five",
            "i will let you know by friday",
            "you know what let us just get it done",
            "do you know him",
            "that is what i mean by value",
            "i mean it when i say no pressure",
            "you know",
            "is that clear you know",
            "what is it like",
            "i would like to see the numbers",
            "it sounds like a lot",
    })
    void saidAsAWordOfTheSentenceItStays(String said) {
        assertThat(Words.read(said)).isEqualTo(said);
    }
}
