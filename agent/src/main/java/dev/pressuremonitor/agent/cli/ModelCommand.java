package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.stt.ModelException;
import dev.pressuremonitor.agent.stt.VoskEngine;
import dev.pressuremonitor.agent.stt.model.ModelArchive;
import dev.pressuremonitor.agent.stt.model.ModelDownloader;
import dev.pressuremonitor.agent.stt.model.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

@Command(name = "model",
        mixinStandardHelpOptions = true,
        header = "Speech models; push a team's refitted learned model.",
        description = {"Speech recognition runs offline with a Vosk model; nothing you say leaves the machine."},
        footerHeading = "%nExamples:%n",
        footer = {"  pressure-monitor model download", "  pressure-monitor model install vosk-model-small-en-us-0.15.zip",
                "  pressure-monitor model list", "  pressure-monitor model check"},
        subcommands = {ModelCommand.Download.class, ModelCommand.Install.class, ModelCommand.ListModels.class, ModelCommand.Check.class, ModelPushCommand.class})
final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --sha256 option's value, checked. */
    static String hex(String sha256) {
        if (!sha256.matches("[0-9a-fA-F]{64}")) throw new UserException("--sha256 must be 64 hex digits (got '" + sha256 + "')");
        return sha256.toLowerCase(Locale.ROOT);
    }

    static Path dir(Path given) {
        return given != null ? given : ModelDownloader.defaultModelsDir();
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            header = "Download a speech model and unpack it.",
            description = {"Checks the archive's size and SHA-256 and unpacks it into the models folder. A failed attempt is retried after",
                    "2, 4 and 8 s; an interrupted download resumes where it stopped when run again. Without a network here, download",
                    "the archive elsewhere and use 'model install FILE.zip'."},
            footerHeading = "%nExample:%n",
            footer = {"  pressure-monitor model download " + ModelSpec.DEFAULT})
    static final class Download implements java.util.concurrent.Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "NAME", defaultValue = ModelSpec.DEFAULT, description = "Model name (default: ${DEFAULT-VALUE}).")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Models folder (default: $PRESSURE_MONITOR_MODELS or ~/.pressure-monitor/models).")
        Path dir;

        @Option(names = "--url", paramLabel = "URL", description = "Download from here instead (a mirror, or a model not in the list).")
        URI url;

        @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the archive (overrides the known one).")
        String sha256;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ModelSpec m = ModelSpec.find(name).orElse(null);
            if (m == null) {
                if (url == null) {
                    throw new UserException("unknown model '" + name + "': known models are " + ModelSpec.CATALOG.stream().map(ModelSpec::name).toList()
                            + "; for another one pass --url (and --sha256)");
                }
                m = new ModelSpec(name, url, -1, null);
            }
            if (url != null) m = m.withUrl(url).withSize(ModelSpec.find(name).filter(k -> k.url().equals(url)).map(ModelSpec::size).orElse(-1L));
            if (sha256 != null) m = m.withSha256(hex(sha256));
            PrintWriter err = spec.commandLine().getErr();
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
            Path installed = new ModelDownloader(http, dir(dir), err).install(m);
            spec.commandLine().getOut().println(installed);
            return 0;
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            header = "Install a model archive you downloaded yourself.",
            description = {"Checks the archive's size and SHA-256 as 'model download' does (for a known model, or with --sha256) and",
                    "unpacks it into the models folder. The archive itself is left as it is."},
            footerHeading = "%nExample:%n",
            footer = {"  pressure-monitor model install ~/Downloads/" + ModelSpec.DEFAULT + ".zip"})
    static final class Install implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "FILE.zip", description = "The archive, as downloaded from the model site.")
        Path zip;

        @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: the file name without .zip).")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "Models folder (default: $PRESSURE_MONITOR_MODELS or ~/.pressure-monitor/models).")
        Path dir;

        @Option(names = "--sha256", paramLabel = "HEX", description = "Expected SHA-256 of the archive (overrides the known one).")
        String sha256;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            String model = name != null ? name : zip.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
            ModelSpec m = ModelSpec.find(model).orElse(new ModelSpec(model, zip.toUri(), -1, null));
            if (sha256 != null) m = m.withSha256(hex(sha256));
            if (m.sha256() == null) {
                spec.commandLine().getErr().println("no SHA-256 is known for " + model + ": installing without a checksum check (pass --sha256 HEX to check one)");
            }
            Path installed = ModelArchive.install(m, zip, dir(dir));
            spec.commandLine().getErr().println("installed " + model + " in " + installed);
            spec.commandLine().getOut().println(installed);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            header = "List installed models and the ones 'model download' knows.",
            footerHeading = "%nExample:%n",
            footer = {"  pressure-monitor model list"})
    static final class ListModels implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--dir", paramLabel = "DIR", description = "Models folder (default: $PRESSURE_MONITOR_MODELS or ~/.pressure-monitor/models).")
        Path dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path d = dir(dir);
            out.println("installed in " + d + ":");
            int n = 0;
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    for (Path p : s.sorted().toList()) {
                        if (!Files.isDirectory(p) || p.getFileName().toString().startsWith(".")) continue;
                        String state;
                        try {
                            VoskEngine.checkLooksLikeAModel(p);
                            state = "ok";
                        } catch (ModelException e) {
                            state = "incomplete: not a model folder";
                        }
                        out.println("  " + p.getFileName() + "  (" + state + ")");
                        n++;
                    }
                }
            }
            if (n == 0) out.println("  none: run 'pressure-monitor model download'");
            out.println("available to download:");
            for (ModelSpec m : ModelSpec.CATALOG) {
                out.printf(Locale.ROOT, "  %s  %.1f MB%s%n", m.name(), m.size() / 1e6, m.name().equals(ModelSpec.DEFAULT) ? "  (default)" : "");
            }
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            header = "Check the whole speech path with a model: spoken script in, alerts out.",
            description = {"Speaks a two-speaker script with espeak-ng and sox (rep left, prospect right), hears it through the model and the",
                    "detector as 'analyze' does, and prints the word error rate against the script, the pressure alerts found against",
                    "those the script expects, and the real-time factor. Needs a downloaded model, espeak-ng and sox."},
            footerHeading = "%nExample:%n",
            footer = {"  pressure-monitor model check --model ~/.pressure-monitor/models/" + ModelSpec.DEFAULT})
    static final class Check implements java.util.concurrent.Callable<Integer> {
        static final String SCRIPT = "seeds/calls/model-check.script.txt";

        @Option(names = "--model", paramLabel = "DIR", description = "Vosk model folder (default: the downloaded " + ModelSpec.DEFAULT + ").")
        Path model;

        @Option(names = "--script", paramLabel = "FILE", description = "Lines 'rep: words [CATEGORY]' / 'prospect: words' (default: the bundled " + SCRIPT + ").")
        Path script;

        @Option(names = "--keep", paramLabel = "DIR", description = "Keep the spoken WAV files in this folder (default: a temporary folder, deleted).")
        Path keep;

        @Mixin
        RuleOptions rules;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Path modelDir = model != null ? model : ModelDownloader.defaultModelsDir().resolve(ModelSpec.DEFAULT);
            try {
                VoskEngine.checkLooksLikeAModel(modelDir);
            } catch (ModelException e) {
                throw new UserException(e.getMessage() + " (this check needs a real model; none can be fetched where downloads are blocked)");
            }
            ModelCheck.requireTools();
            var lines = ModelCheck.parse(scriptText());
            Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("pm-model-check");
            PrintWriter out = spec.commandLine().getOut();
            try {
                ModelCheck.Spoken spoken = ModelCheck.speak(lines, dir);
                out.printf(Locale.ROOT, "spoke %d lines into %s (%.1f s)%n", lines.size(), spoken.wav(), spoken.seconds());
                out.flush();
                try (VoskEngine vosk = VoskEngine.open(modelDir)) {
                    ModelCheck.hear(spoken, lines, rules.engine(), (s, rate) -> vosk.newRecognizer(rate), System::nanoTime).print(out);
                }
            } finally {
                if (keep == null) {
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
            return 0;
        }

        private String scriptText() throws IOException {
            if (script != null) {
                if (!Files.isRegularFile(script)) throw new UserException("no such file: " + script);
                return Files.readString(script);
            }
            try (var in = ModelCommand.class.getClassLoader().getResourceAsStream(SCRIPT)) {
                if (in == null) throw new UserException(SCRIPT + " is missing from the jar: rebuild with 'mvn -B package'");
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}
