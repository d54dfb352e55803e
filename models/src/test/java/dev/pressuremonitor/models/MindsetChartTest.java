package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seven shifts every nudge points at. */
class MindsetChartTest {

    @Test
    void theShippedChartHasTheSevenShiftsInOrder() {
        assertThat(MindsetChart.standard().shifts()).extracting(Shift::id).containsExactly("stop-pitching", "find-fit", "lost-at-start",
                "remove-hidden-pressure", "never-chase", "validate-objections", "never-defend");
        assertThat(MindsetChart.standard()).isSameAs(MindsetChart.standard());
    }

    @Test
    void aShiftIsFoundByItsId() {
        assertThat(MindsetChart.standard().find("never-chase")).get().extracting(Shift::trust).isEqualTo("Never chase; get to the truth about fit.");
        assertThat(MindsetChart.standard().find("always-be-closing")).isEmpty();
    }

    @Test
    void aShiftListedTwiceIsRefused() {
        Shift s = new Shift("never-chase", "Chase.", "Do not.");
        assertThatThrownBy(() -> new MindsetChart(List.of(s, s))).hasMessage("mindset chart: shift 'never-chase' is listed twice");
    }

    @Test
    void aChartWithoutAShiftListIsRefused() {
        assertThatThrownBy(() -> MindsetChart.parse("{\"shifts\":{}}")).hasMessage("missing field 'shifts' (an array)");
        assertThatThrownBy(() -> MindsetChart.parse("{}")).hasMessage("missing field 'shifts' (an array)");
    }

    @Test
    void aBrokenShiftIsNamedByItsPosition() {
        assertThatThrownBy(() -> MindsetChart.parse("{\"shifts\":[{\"id\":\"a\",\"pressure\":\"p\",\"trust\":\"t\"},{\"id\":\"b\",\"pressure\":\"p\"}]}"))
                .hasMessage("shifts[1]: missing field 'trust'");
    }

    @Test
    void aParsedChartKeepsTheFileOrder() throws DecodeException {
        MindsetChart c = MindsetChart.parse("{\"shifts\":[{\"id\":\"b\",\"pressure\":\"p\",\"trust\":\"t\"},{\"id\":\"a\",\"pressure\":\"p\",\"trust\":\"t\"}]}");
        assertThat(c.shifts()).extracting(Shift::id).containsExactly("b", "a");
    }
}
