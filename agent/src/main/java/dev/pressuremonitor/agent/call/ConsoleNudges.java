package dev.pressuremonitor.agent.call;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Clock;
import dev.pressuremonitor.models.Envelope;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/** Prints each live nudge as one line, so the terminal coaches even when no overlay or server is there. */
public final class ConsoleNudges implements Consumer<Envelope> {
    private final PrintWriter out;

    public ConsoleNudges(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Envelope envelope) {
        if (envelope.data() instanceof Alert a && a.nudge()) {
            out.printf(Locale.ROOT, "[%s] %-7s \"%s\" -> %s Try: %s%n", Clock.format(a.start()), a.category(), a.phrase(),
                    a.reframe().trust(), a.reframe().ask());
            out.flush();
        }
    }
}
