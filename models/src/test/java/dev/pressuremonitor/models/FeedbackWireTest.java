package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a page may send to mark a call, and what the server sends back, through the one codec. */
class FeedbackWireTest {
    @Test
    void aNotPressureMarkNamesOnlyItsAlert() throws Exception {
        assertThat(MarkRequest.parse("{\"kind\": \"not_pressure\", \"alert\": 12}")).isEqualTo(MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 12));
    }

    @Test
    void aMissedMarkNamesACategoryAndALineOrAStretch() throws Exception {
        assertThat(MarkRequest.parse("{\"kind\": \"missed\", \"category\": \"CLOSE\", \"line\": 7}")).isEqualTo(MarkRequest.missedLine(Category.CLOSE, 7));
        assertThat(MarkRequest.parse("{\"kind\": \"missed\", \"category\": \"CLOSE\", \"from\": 12, \"to\": 20.5}"))
                .isEqualTo(MarkRequest.missedStretch(Category.CLOSE, 12, 20.5));
    }

    @Test
    void aMissedMarkWithoutItsCategoryIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> MarkRequest.parse("{\"kind\": \"missed\", \"line\": 7}")).isInstanceOf(DecodeException.class)
                .hasMessageContaining("missing field 'category'").hasMessageContaining("PITCH, CLOSE");
    }

    @Test
    void aStretchThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> MarkRequest.parse("{\"kind\": \"missed\", \"category\": \"CLOSE\", \"from\": 20, \"to\": 12}"))
                .hasMessage("field 'to' must be after 'from', was 20.0 to 12.0");
    }

    @Test
    void aMissedMarkCannotNameBothALineAndAStretch() {
        assertThatThrownBy(() -> MarkRequest.parse("{\"kind\": \"missed\", \"category\": \"CLOSE\", \"line\": 3, \"from\": 1, \"to\": 2}"))
                .hasMessageContaining("either a transcript 'line' or a stretch");
    }

    @Test
    void anUnknownKindOrFieldIsRefusedNamingWhatIsKnown() {
        assertThatThrownBy(() -> MarkRequest.parse("{\"kind\": \"wrong\", \"alert\": 1}")).hasMessageContaining("not_pressure, confirmed or missed");
        assertThatThrownBy(() -> MarkRequest.parse("{\"kind\": \"confirmed\", \"alert\": 1, \"by\": \"me\"}")).hasMessageContaining("unknown field 'by'");
    }

    @Test
    void aTrustCategoryCannotBeMissedPressure() {
        assertThatThrownBy(() -> MarkRequest.parse("{\"kind\": \"missed\", \"category\": \"TRUST\", \"line\": 1}")).hasMessageContaining("pressure category");
    }

    @Test
    void aMarkTravelsThroughTheCodecUnchangedWithItsKindsInLowerCase() throws Exception {
        FeedbackMark m = new FeedbackMark("ab12", "c1", "emea", "ana", FeedbackMark.Kind.NOT_PRESSURE, 2L, "chase.x", Category.CHASE, "checking in",
                null, 10, 11, null, null, "ana", FeedbackMark.Role.REP, 5, FeedbackMark.Review.PENDING, null);
        String json = Json.write(m);
        assertThat(json).contains("\"kind\":\"not_pressure\"").contains("\"role\":\"rep\"").contains("\"review\":\"pending\"");
        assertThat(Json.read(json, FeedbackMark.class)).isEqualTo(m);
    }

    @Test
    void anExportTravelsThroughTheCodecUnchanged() throws Exception {
        FeedbackExport e = new FeedbackExport("emea", java.util.List.of(new FeedbackExport.CorpusLine("emea-fb-1", "emea", "checking in", "NONE", null, "c1", "chase.x")),
                1, java.util.List.of(new FeedbackExport.Skipped("why", 2)));
        assertThat(Json.read(Json.write(e), FeedbackExport.class)).isEqualTo(e);
    }
}
