package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizerTest {

    private static List<String> tokens(String word) {
        List<Token> out = new ArrayList<>();
        new Normalizer().normalize(new Word(word, 1.0, 1.5, 1.0), 7, out);
        return out.stream().map(Token::text).toList();
    }

    @Test
    void lowerCasesAndStripsPunctuation() {
        assertThat(tokens("Today?!")).containsExactly("today");
        assertThat(tokens("\"Wow,")).containsExactly("wow");
    }

    @Test
    void expandsContractionsWrittenWithEitherApostrophe() {
        assertThat(tokens("I'm")).containsExactly("i", "am");
        assertThat(tokens("don\u2019t")).containsExactly("do", "not");
        assertThat(tokens("gonna")).containsExactly("going", "to");
    }

    @Test
    void expandsAContractionTypedWithoutItsApostropheWhenTheSpellingIsNoOtherWord() {
        assertThat(tokens("dont")).containsExactly("do", "not");
        assertThat(tokens("Youre")).containsExactly("you", "are");
        assertThat(tokens("im")).containsExactly("i", "am");
        assertThat(tokens("thats")).containsExactly("that", "is");
        assertThat(tokens("wont")).containsExactly("will", "not");
        // words of their own: left to the stage that sees their neighbours (BareContractions)
        assertThat(tokens("were")).containsExactly("were");
        assertThat(tokens("its")).containsExactly("its");
        assertThat(tokens("well")).containsExactly("well");
        assertThat(tokens("lets")).containsExactly("lets");
        assertThat(tokens("ill")).containsExactly("ill");
    }

    @Test
    void readsEmWithItsLeadingApostropheAsThem() {
        assertThat(tokens("'em")).containsExactly("them");
        assertThat(tokens("\u2019em")).containsExactly("them");
        assertThat(tokens("em")).containsExactly("em");
    }

    @Test
    void expandedTokensKeepTheWordsTimingAndIndex() {
        List<Token> out = new ArrayList<>();
        new Normalizer().normalize(new Word("we'll", 2.0, 2.4, 0.9), 3, out);
        assertThat(out).containsExactly(new Token("we", 2.0, 2.4, 3), new Token("will", 2.0, 2.4, 3));
    }

    @Test
    void dropsPossessiveEndings() {
        assertThat(tokens("company's")).containsExactly("company");
    }

    @Test
    void wordsWithNothingLeftGiveNoToken() {
        assertThat(tokens("--")).isEmpty();
    }

    @Test
    void anApostropheStaysOnlyBetweenLetters() {
        assertThat(tokens("'cause")).containsExactly("cause");
        assertThat(tokens("clients'")).containsExactly("clients");
        assertThat(tokens("clients',")).containsExactly("clients");
        assertThat(tokens("80's")).containsExactly("80s");
    }
}
