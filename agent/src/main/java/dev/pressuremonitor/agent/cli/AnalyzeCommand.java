package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.audio.WavInput;
import dev.pressuremonitor.agent.audio.WavRecordingTime;
import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.server.calls.SummaryBuilder;
import dev.pressuremonitor.server.calls.SummaryJson;
import dev.pressuremonitor.server.calls.SummaryMarkdown;
import dev.pressuremonitor.server.calls.SummaryPage;
import dev.pressuremonitor.server.calls.SummaryText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        header = "Build a call's report offline from a recording.",
        description = {
                "The same report the server makes, from a recorded transcript (Vosk results, one a line) or, with a speech model, from audio (WAV). The file's content decides which, not its name. Nothing is sent anywhere."
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  pressure-monitor analyze seeds/calls/demo.jsonl",
                "  pressure-monitor analyze call.wav --format html --out call.html"
        })
final class AnalyzeCommand implements Callable<Integer> {
    enum Format { text, md, json, html }

    @Parameters(paramLabel = "FILE", description = "A recorded call: Vosk results (JSON lines) or audio (WAV, needs a speech model).")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the summary here instead of to standard output.")
    Path out;

    @Mixin
    CallOptions call;

    @Mixin
    RecordingOptions recording;

    @Mixin
    RuleOptions rules;

    @Mixin
    LearnedOptions learned;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) throw new UserException("no such file: " + file);
        var engine = rules.engine();
        var opinion = learned.opinion(spec.commandLine().getErr());
        List<Envelope> events = new ArrayList<>();
        Progress progress = new Progress(err);
        String callId = "analyze-" + file.getFileName();
        ZoneId zone = ZoneId.systemDefault();
        if (CallRunner.isTranscript(file)) {
            RecordedCall recorded = CallRunner.load(file, false, err);
            LiveCall live = newCall(callId, engine, opinion, recorded.hasProspect(), events, recorded.startedAt());
            int n = 0;
            for (RecordedCall.Item item : recorded.items()) {
                live.accept(item.segment());
                progress.show(++n, recorded.items().size(), "results");
            }
            live.end("end-of-input");
        } else {
            double total;
            Optional<Instant> recordedAt;
            try {
                total = WavInput.open(file).seconds();
                recordedAt = WavRecordingTime.of(file, zone);
            } catch (IOException e) {
                throw new UserException(e.getMessage());
            }
            CallRunner.Transcribed t = CallRunner.transcribeFile(file, 0, recording, () -> false, prospect -> newCall(callId, engine, opinion, prospect, events, recordedAt), seg -> {
                if (!seg.words().isEmpty()) progress.show((long) seg.words().get(seg.words().size() - 1).end(), (long) total, "s");
            });
            if (t.failure() != null) err.println("pressure-monitor: reading " + file + " stopped: " + t.failure());
            t.call().end(t.failure() == null ? "end-of-input" : "input-error");
        }
        progress.done();
        CallSummary summary = new SummaryBuilder(MindsetChart.standard()).build(callId, events);
        String rendered = switch (format) {
            case text -> SummaryText.render(summary, zone);
            case md -> SummaryMarkdown.render(summary, zone);
            case json -> SummaryJson.write(summary, true);
            case html -> SummaryPage.render(summary, SummaryPage.Context.offline(file.getFileName().toString()));
        };
        if (out != null) {
            Files.writeString(out, rendered, StandardCharsets.UTF_8);
            err.println("wrote " + out);
        } else {
            spec.commandLine().getOut().print(rendered);
        }
        return 0;
    }

    /**
     * The call as recorded: it started when the recording says, not when it is analysed; a recording that does not
     * say has an unknown start (0), which every report shows as "recorded call".
     */
    private LiveCall newCall(String callId, dev.pressuremonitor.agent.detect.RuleEngine engine, dev.pressuremonitor.agent.detect.SecondOpinion opinion,
                             boolean prospect, List<Envelope> events, Optional<Instant> startedAt) {
        Detector detector = new Detector(engine, call.policy(), MetricsThresholds.research(), prospect, opinion);
        long start = startedAt.map(Instant::toEpochMilli).filter(ms -> ms > 0).orElse(0L);
        return new LiveCall(callId, call.repName(), call.team, detector, prospect, false, events::add, () -> start);
    }

    /** A progress bar on standard error for long inputs; silent for short ones. */
    static final class Progress {
        private final PrintWriter err;
        private int shown = -1;
        private boolean any;

        Progress(PrintWriter err) {
            this.err = err;
        }

        void show(long done, long total, String unit) {
            if (total < 200) return;
            int pct = (int) Math.min(100, done * 100 / Math.max(1, total));
            if (pct / 2 == shown) return;
            shown = pct / 2;
            any = true;
            err.printf(Locale.ROOT, "\r[%s%s] %3d%% (%d of %d %s)", "#".repeat(pct / 5), ".".repeat(20 - pct / 5), pct, done, total, unit);
            err.flush();
        }

        void done() {
            if (any) {
                err.println();
                err.flush();
            }
        }
    }
}
