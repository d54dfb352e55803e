package dev.pressuremonitor.agent.stt.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A downloadable Vosk model: where it lives, how big the archive is and its SHA-256 when known.
 *
 * @param size   archive size in bytes, or -1 when unknown
 * @param sha256 lower-case hex, or null when unknown (the size is still checked)
 */
public record ModelSpec(String name, URI url, long size, String sha256) {
    public static final String DEFAULT = "vosk-model-small-en-us-0.15";

    /**
     * Models we know. The small English model's size is from the official model list; its SHA-256 is the value
     * several projects pin for that archive (override with --sha256 if the official archive ever changes).
     */
    public static final List<ModelSpec> CATALOG = List.of(
            new ModelSpec(DEFAULT, URI.create("https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"), 41_205_931L,
                    "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498"));

    public static Optional<ModelSpec> find(String name) {
        return CATALOG.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public ModelSpec withUrl(URI u) {
        return new ModelSpec(name, u, size, sha256);
    }

    public ModelSpec withSha256(String s) {
        return new ModelSpec(name, url, size, s);
    }

    public ModelSpec withSize(long s) {
        return new ModelSpec(name, url, s, sha256);
    }
}
