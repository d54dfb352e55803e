package dev.pressuremonitor.agent.call;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Clock;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleNudgesTest {
    @Test
    void aNudgeIsPrintedAtTheSameSecondTheReportShowsIt() {
        StringWriter out = new StringWriter();
        new ConsoleNudges(new PrintWriter(out)).accept(new Envelope("c", 1, 0, new Alert(Category.CHASE, "chase.checking-in",
                "just checking in", Severity.MEDIUM, Speaker.REP, 234.6, 235.2, true,
                new Reframe("never-chase", "Never chase.", "What changed?"))));
        assertThat(out.toString()).startsWith("[" + Clock.format(234.6) + "] CHASE").startsWith("[3:54]");
    }
}
