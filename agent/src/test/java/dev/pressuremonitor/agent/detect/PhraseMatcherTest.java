package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PhraseMatcherTest {

    private static List<String> matches(List<String> patterns, String text) {
        List<PhrasePattern> compiled = patterns.stream().map(PatternSyntax::parse).toList();
        PhraseMatcher m = new PhraseMatcher(compiled);
        List<String> out = new ArrayList<>();
        m.match(Utterance.of(Speaker.REP, TextTokenizer.words(text, 0)).tokens(),
                (p, first, last) -> out.add(p + ":" + first + "-" + last));
        return out;
    }

    @Test
    void findsEveryPatternInOnePassIncludingOverlappingOnes() {
        assertThat(matches(List.of("checking in", "just checking", "in to see"), "just checking in to see"))
                .containsExactly("1:0-1", "0:1-2", "2:2-4");
    }

    @Test
    void findsAPatternThatIsASuffixOfALongerOne() {
        // "to sign" lives on the failure path of "ready to sign"
        assertThat(matches(List.of("ready to sign", "to sign"), "you ready to sign"))
                .containsExactlyInAnyOrder("0:1-3", "1:2-3");
    }

    @Test
    void joinsGappedPiecesWithinTheirBound() {
        assertThat(matches(List.of("sign * today"), "sign the form today")).containsExactly("0:0-3");
        assertThat(matches(List.of("sign * today"), "sign it today")).containsExactly("0:0-2");
        assertThat(matches(List.of("sign * today"), "sign today")).containsExactly("0:0-1");
    }

    @Test
    void doesNotJoinPiecesFartherApartThanTheGap() {
        assertThat(matches(List.of("sign * today"), "sign one two three four today")).isEmpty();
    }

    @Test
    void unknownWordsResetTheMatch() {
        assertThat(matches(List.of("just checking in"), "just quickly checking in")).isEmpty();
    }

    @Test
    void findsTheOnePatternAmongThousandsSharingAPrefix() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) many.add("offer " + "w" + i);
        many.add("offer ends");
        assertThat(matches(many, "the offer ends friday")).containsExactly("2000:1-2");
    }

    @Test
    void aPackLargeEnoughToGrowItsTablesStillFindsEveryPhrase() {
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 600; i++) patterns.add("word" + i + " next" + i);
        assertThat(matches(patterns, "so word0 next0 and word599 next599")).containsExactly("0:1-2", "599:4-5");
    }

    @Test
    void aGapMayHoldExactlyItsBound() {
        assertThat(matches(List.of("sign * today"), "sign all three forms today")).containsExactly("0:0-4");
        assertThat(matches(List.of("sign * today"), "sign all of the forms today")).isEmpty();
    }
}
