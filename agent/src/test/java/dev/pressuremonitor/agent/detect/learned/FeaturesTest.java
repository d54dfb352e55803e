package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the head sees of one rep turn. */
class FeaturesTest {
    @Test
    void theTurnComesFirstThenTheProspectsTurnThenWhetherThereWasOne() {
        Features f = Features.of(new float[]{0.1f, 0.2f, 0.3f}, new float[]{0.4f, 0.5f, 0.6f}, new int[]{7}, 1.0);
        assertThat(f.dense()).containsExactly(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 1f);
    }

    @Test
    void withoutAProspectTurnItsPartIsZeroAndSoIsTheMarker() {
        Features f = Features.of(new float[]{0.1f, 0.2f, 0.3f}, null, new int[]{7}, 1.0);
        assertThat(f.dense()).containsExactly(0.1f, 0.2f, 0.3f, 0, 0, 0, 0);
    }

    @Test
    void theHashedWordsWeighTheSameInTotalHoweverManyThereAre() {
        // each slot's value times the square root of their number is the hash weight: a long turn does not shout
        assertThat(Features.of(new float[2], null, new int[]{1, 2, 3, 4}, 2.0).slotValue()).isEqualTo(1f);
        assertThat(Features.of(new float[2], null, new int[]{5}, 2.0).slotValue()).isEqualTo(2f);
        assertThat(Features.of(new float[2], null, new int[0], 2.0).slotValue()).isZero();
    }
}
