package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.stt.model.ModelDownloader;
import dev.pressuremonitor.agent.stt.model.ModelSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How audio recordings are heard: the speech model and which channel is whom. */
final class RecordingOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Vosk model folder (default: the downloaded " + ModelSpec.DEFAULT + ").")
    Path model;

    @Option(names = "--channels", paramLabel = "LAYOUT", defaultValue = "rep,prospect",
            description = "Who is on which channel of a stereo recording (default: ${DEFAULT-VALUE}: left rep, right prospect).")
    String channels;

    Path modelDir() {
        return model != null ? model : ModelDownloader.defaultModelsDir().resolve(ModelSpec.DEFAULT);
    }
}
