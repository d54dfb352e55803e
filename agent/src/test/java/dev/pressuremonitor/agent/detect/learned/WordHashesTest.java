package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The words and word pairs of a turn, hashed into slots as the shipped head was trained on (4096 slots). */
class WordHashesTest {
    private static final int SHIPPED = 4096;

    @Test
    void eachWordAndEachPairOfNeighbouringWordsSetsItsSlotAsWhenTheShippedHeadWasTrained() {
        // CRC-32 of the UTF-8 bytes modulo the slots: "but" 3786, "today" 1733, "but today" 686
        assertThat(WordHashes.slots("but today", SHIPPED)).containsExactly(686, 1733, 3786);
    }

    @Test
    void caseAndACurlyApostropheDoNotMakeAnotherWord() {
        // "don't" 175, "wait" 997, "don't wait" 3000
        assertThat(WordHashes.slots("Don\u2019t WAIT", SHIPPED)).containsExactly(175, 997, 3000);
        assertThat(WordHashes.slots("don't wait", SHIPPED)).containsExactly(175, 997, 3000);
    }

    @Test
    void punctuationSeparatesWordsAndARepeatedWordSetsItsSlotOnce() {
        assertThat(WordHashes.slots("but, today!", SHIPPED)).containsExactly(686, 1733, 3786);
        assertThat(WordHashes.slots("today today", SHIPPED)).containsExactly(1733, 3835); // "today today" 3835
    }

    @Test
    void aTurnWithoutWordsSetsNoSlot() {
        assertThat(WordHashes.slots(null, SHIPPED)).isEmpty();
        assertThat(WordHashes.slots("   ", SHIPPED)).isEmpty();
        assertThat(WordHashes.slots("?!", SHIPPED)).isEmpty();
    }
}
