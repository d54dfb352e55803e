package dev.pressuremonitor.agent.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatternSyntaxTest {

    @Test
    void expandsWordAlternativesAndOptionalWords() {
        PhrasePattern p = PatternSyntax.parse("just? checking|following in");
        assertThat(p.pieces()).containsExactly(List.of(
                List.of("just", "checking", "in"), List.of("just", "following", "in"),
                List.of("checking", "in"), List.of("following", "in")));
    }

    @Test
    void groupsHoldWholeSequencesAndMayNest() {
        PhrasePattern p = PatternSyntax.parse("(let me|allow (me|us)) tell");
        assertThat(p.pieces().get(0)).containsExactly(
                List.of("let", "me", "tell"), List.of("allow", "me", "tell"), List.of("allow", "us", "tell"));
    }

    @Test
    void gapsSplitPiecesAndRecordTheirBound() {
        PhrasePattern p = PatternSyntax.parse("sign * today *5 please");
        assertThat(p.pieces()).containsExactly(List.of(List.of("sign")), List.of(List.of("today")), List.of(List.of("please")));
        assertThat(p.maxGaps()).containsExactly(0, 3, 5);
    }

    @Test
    void rejectsAPieceThatCanMatchNothing() {
        assertThatThrownBy(() -> PatternSyntax.parse("sign * today?"))
                .hasMessageContaining("can match nothing");
    }

    @Test
    void rejectsUnnormalisedTokensSayingWhatToWrite() {
        assertThatThrownBy(() -> PatternSyntax.parse("Sign today"))
                .hasMessageContaining("token 'Sign' is not normalised (write 'sign'");
    }

    @Test
    void rejectsUnbalancedGroups() {
        assertThatThrownBy(() -> PatternSyntax.parse("(sign today")).hasMessageContaining("unmatched '('");
        assertThatThrownBy(() -> PatternSyntax.parse("sign) today")).hasMessageContaining("unmatched ')'");
    }

    @Test
    void rejectsGapsOutOfRange() {
        assertThatThrownBy(() -> PatternSyntax.parse("sign *9 today")).hasMessageContaining("from 1 to 8");
    }

    @Test
    void gapsOfOneAndOfEightWordsAreTheRangesEnds() {
        assertThat(PatternSyntax.parse("sign *1 today").maxGaps()).containsExactly(0, 1);
        assertThat(PatternSyntax.parse("sign *8 today").maxGaps()).containsExactly(0, 8);
        assertThatThrownBy(() -> PatternSyntax.parse("sign *0 today")).hasMessageContaining("gap '*0' must be '*' or '*N' with N from 1 to 8");
    }

    @Test
    void aGapAtTheEndIsRefusedInWords() {
        assertThatThrownBy(() -> PatternSyntax.parse("sign today *")).hasMessage("pattern 'sign today *' ends with a gap");
    }

    @Test
    void anAlternativeMissingAtTheEndIsRefusedInWords() {
        assertThatThrownBy(() -> PatternSyntax.parse("sign|")).hasMessage("pattern 'sign|' has an empty alternative");
    }

    @Test
    void anUnexpectedCharacterIsNamedWithItsPosition() {
        assertThatThrownBy(() -> PatternSyntax.parse("(sign|send)today")).hasMessage("pattern '(sign|send)today' unexpected 't' at position 12");
    }
}
