package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.stt.model.ModelDownloader;
import dev.pressuremonitor.agent.stt.model.ModelSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where speech comes from when it is audio: the model, the devices, the channel layout of a recording. */
final class ListenOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Vosk model folder (default: the downloaded " + ModelSpec.DEFAULT + " in the models folder).")
    Path model;

    @Option(names = "--mic", paramLabel = "NAME", description = "Capture device for the rep, by part of its name (default: the first; see 'pressure-monitor devices').")
    String mic;

    @Option(names = "--prospect-device", paramLabel = "NAME", description = "Also capture the prospect's side from this device: a loopback/monitor source (Linux 'Monitor of ...', BlackHole on macOS, Stereo Mix on Windows).")
    String prospectDevice;

    @Option(names = "--channels", paramLabel = "LAYOUT", defaultValue = "rep,prospect",
            description = "Who is on which channel of a stereo recording (default: ${DEFAULT-VALUE}: left rep, right prospect).")
    String channels;

    Path modelDir() {
        return model != null ? model : ModelDownloader.defaultModelsDir().resolve(ModelSpec.DEFAULT);
    }
}
