package dev.pressuremonitor.agent.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where live speech comes from: the devices, and how recordings are heard. */
final class ListenOptions {
    @Mixin
    RecordingOptions recording;

    @Option(names = "--mic", paramLabel = "NAME", description = "Capture device for the rep, by part of its name (default: the first; see 'pressure-monitor devices').")
    String mic;

    @Option(names = "--prospect-device", paramLabel = "NAME", description = "Also capture the prospect's side from this device: a loopback/monitor source (Linux 'Monitor of ...', BlackHole on macOS, Stereo Mix on Windows).")
    String prospectDevice;

    Path modelDir() {
        return recording.modelDir();
    }
}
