package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A word or phrase said again at once, as a restart, is read once. */
class StuttersTest {

    @ParameterizedTest(name = "\"{0}\" reads \"{1}\"")
    @CsvSource({
            "i i think you should sign today, i think you should sign today",
            "we can we can do that, we can do that",
            "you you really need to decide, you really need to decide",
            "so so so what i would say is, so what i would say is",
            "i uh i need an answer, i need an answer",
            "it's it's the best on the market, it is the best on the market",
            "let me just let me just tell you, let me just tell you",
    })
    void aRestartIsReadOnce(String said, String read) {
        assertThat(Words.read(said)).isEqualTo(read);
    }

    @Test
    void wordsSaidAgainInTheNextClauseStay() {
        assertThat(Words.read("is that okay? okay then")).isEqualTo("is that okay okay then");
    }

    @Test
    void theRuleHearsThePhraseThroughTheStutterAndQuotesTheWordsAsSaid() {
        Utterance u = Utterance.of(Speaker.REP, Words.at(0, "you you need to need to decide today"));
        assertThat(u.tokens().stream().map(Token::text).toList()).isEqualTo(List.of("you", "need", "to", "decide", "today"));
        assertThat(u.heard(0, u.tokens().size() - 1)).isEqualTo("you you need to need to decide today");
    }
}
