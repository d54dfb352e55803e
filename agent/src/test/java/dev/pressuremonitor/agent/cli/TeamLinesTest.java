package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of a team's lines are held out to score a refit. */
class TeamLinesTest {
    static TeamLines line(String id, String call) {
        return new TeamLines(id, "emea", call, null, "text " + id, null, null);
    }

    static List<TeamLines> calls(int calls, int linesEach) {
        List<TeamLines> out = new ArrayList<>();
        for (int c = 0; c < calls; c++) for (int i = 0; i < linesEach; i++) out.add(line(c + "-" + i, "call-" + c));
        return out;
    }

    @Test
    void holdsOutWholeCallsAboutOneInFive() {
        Map<Boolean, List<TeamLines>> split = TeamLines.holdOut(calls(10, 3));

        assertThat(split.get(true)).hasSize(6);
        assertThat(TeamLines.groups(split.get(true))).isEqualTo(2);
        assertThat(split.get(true).stream().map(TeamLines::call)).doesNotContainAnyElementsOf(split.get(false).stream().map(TeamLines::call).toList());
    }

    @Test
    void theSameLinesAlwaysGiveTheSameSlice() {
        List<TeamLines> lines = calls(7, 2);
        List<TeamLines> reversed = new ArrayList<>(lines);
        java.util.Collections.reverse(reversed);

        assertThat(TeamLines.holdOut(reversed).get(true).stream().map(TeamLines::id).sorted().toList())
                .isEqualTo(TeamLines.holdOut(lines).get(true).stream().map(TeamLines::id).sorted().toList());
    }

    @Test
    void aSingleCallIsNotHeldOut() {
        assertThat(TeamLines.holdOut(calls(1, 4)).get(true)).isEmpty();
    }

    @Test
    void linesWithoutACallAreHeldOutOneByOne() {
        List<TeamLines> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) lines.add(line("l" + i, null));

        assertThat(TeamLines.holdOut(lines).get(true)).hasSize(2);
    }
}
