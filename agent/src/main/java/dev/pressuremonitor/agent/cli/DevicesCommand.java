package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.audio.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import javax.sound.sampled.AudioFormat;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "devices",
        mixinStandardHelpOptions = true,
        header = "List capture devices and the formats they accept.",
        description = {
                "The first device is the default. Pass part of a name to --mic (the rep) or --prospect-device (a loopback or monitor source for the other side)."
        },
        footerHeading = "%nExample:%n",
        footer = {"  pressure-monitor devices"})
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        print(Devices.list(), spec.commandLine().getOut());
        return 0;
    }

    /** What {@code devices} prints for these devices, the first being the system default. */
    static void print(List<Devices.Device> devices, PrintWriter out) {
        if (devices.isEmpty()) {
            out.println("no capture devices found: plug in a microphone or check the system's sound settings;");
            out.println("recordings still work with --input (a .jsonl transcript or a .wav file).");
            return;
        }
        for (int i = 0; i < devices.size(); i++) {
            Devices.Device d = devices.get(i);
            out.printf(Locale.ROOT, "%s %s%n", i == 0 ? "*" : " ", d.name() + (i == 0 ? "  (default)" : ""));
            out.printf(Locale.ROOT, "    %s%n", d.info().getDescription());
            StringBuilder fmts = new StringBuilder();
            for (AudioFormat f : d.formats()) {
                if (fmts.length() > 0) fmts.append(", ");
                fmts.append(String.format(Locale.ROOT, "%.0f Hz %s", f.getSampleRate(), f.getChannels() == 1 ? "mono" : "stereo"));
            }
            out.printf(Locale.ROOT, "    accepts 16-bit: %s%n", fmts);
        }
        out.println();
        out.println("For the prospect's side: on Linux pick the 'Monitor of ...' source (PulseAudio/PipeWire), on macOS a");
        out.println("BlackHole device, on Windows 'Stereo Mix' where the sound driver offers it.");
    }
}
