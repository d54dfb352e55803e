package dev.pressuremonitor.agent.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the learned opinion is given when a transcript has lost its apostrophes. */
class MissingApostrophesTest {

    @Test
    void writesBackTheApostropheOfContractionsThatAreNoOtherWord() {
        assertThat(MissingApostrophes.restore("Dont worry, Im sure youre right. Thats why we cant wait"))
                .isEqualTo("Don't worry, I'm sure you're right. That's why we can't wait");
    }

    @Test
    void leavesWordsOfTheirOwnAndEverythingElseAsTheyWere() {
        String text = "were its lets well ill id: the team's don't, y'all, 100%";
        assertThat(MissingApostrophes.restore(text)).isSameAs(text);
        assertThat(MissingApostrophes.restore(null)).isNull();
    }
}
