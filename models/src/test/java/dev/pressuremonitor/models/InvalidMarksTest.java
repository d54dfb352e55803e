package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A mark on a call with an impossible time or a blank field is refused, saying which field and why. */
class InvalidMarksTest {
    private static FeedbackMark mark(String id, String callId, double start, double end, String markedBy) {
        return new FeedbackMark(id, callId, "emea", "ana", FeedbackMark.Kind.NOT_PRESSURE, 4L, "chase.checking-in", Category.CHASE,
                "just checking in", null, start, end, null, null, markedBy, FeedbackMark.Role.REP, 1L, FeedbackMark.Review.PENDING, null);
    }

    @Test
    void aMarkWithAllItsFieldsIsTaken() {
        assertThatCode(() -> mark("m1", "c1", 3, 4, "ana")).doesNotThrowAnyException();
    }

    @Test
    void aMarkNeedsItsIdItsCallAndWhoMadeIt() {
        assertThatThrownBy(() -> mark(" ", "c1", 3, 4, "ana")).hasMessageContaining("'id'");
        assertThatThrownBy(() -> mark("m1", "", 3, 4, "ana")).hasMessageContaining("'callId'");
        assertThatThrownBy(() -> mark("m1", "c1", 3, 4, "")).hasMessageContaining("'markedBy'");
    }

    @Test
    void aMarkedMomentLiesWithinTheCall() {
        assertThatThrownBy(() -> mark("m1", "c1", -1, 4, "ana")).hasMessageContaining("'start'");
        assertThatThrownBy(() -> mark("m1", "c1", 3, 90_000, "ana")).hasMessageContaining("'end'");
    }

    @Test
    void aMissedStretchLiesWithinTheCallAndEndsAfterItStarts() {
        assertThatThrownBy(() -> new MarkRequest(FeedbackMark.Kind.MISSED, null, Category.URGENCY, null, -2.0, 5.0)).hasMessageContaining("'from'");
        assertThatThrownBy(() -> new MarkRequest(FeedbackMark.Kind.MISSED, null, Category.URGENCY, null, 2.0, 90_000.0)).hasMessageContaining("'to'");
        assertThatThrownBy(() -> new MarkRequest(FeedbackMark.Kind.MISSED, null, Category.URGENCY, null, 5.0, 5.0))
                .hasMessage("field 'to' must be after 'from', was 5.0 to 5.0");
        assertThatCode(() -> new MarkRequest(FeedbackMark.Kind.MISSED, null, Category.URGENCY, null, 5.0, 5.5)).doesNotThrowAnyException();
    }
}
