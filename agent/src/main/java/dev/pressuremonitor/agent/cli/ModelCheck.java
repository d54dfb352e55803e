package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.audio.WavInput;
import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.stt.SpeechRecognizer;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Clock;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;
import dev.pressuremonitor.server.calls.SummaryBuilder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The whole speech path checked against a script: the script is spoken by espeak-ng (rep on the left channel,
 * prospect on the right, mixed with sox), heard back through a recogniser and the detector exactly as
 * {@code analyze} hears a recording, and compared with what was said: the word error rate, the pressure alerts
 * found against those the script expects, and the real-time factor (processing time over audio time).
 */
final class ModelCheck {
    /** A found alert matches an expected line when it lies within the line, give or take this. */
    static final double ALERT_SLACK = 1.5;
    /** Silence after each line, so the recogniser reaches an endpoint between turns. */
    static final double GAP = 0.8;

    /** One line of the script: who says it, the words, and the pressure it must raise (null for none). */
    record Line(Speaker speaker, String text, Category expected) {}

    /** The WAV made from a script: where it is, when each line starts and ends, and its length. */
    record Spoken(Path wav, List<double[]> times, double seconds) {}

    /** What the check found. */
    record Result(double repWer, double prospectWer, double wer, List<String> found, List<String> missed, List<String> unexpected,
                  double processingSeconds, double audioSeconds) {
        double realTimeFactor() {
            return audioSeconds <= 0 ? 0 : processingSeconds / audioSeconds;
        }

        void print(PrintWriter out) {
            out.printf(Locale.ROOT, "word error rate     %.1f%% (rep %.1f%%, prospect %.1f%%)%n", wer * 100, repWer * 100, prospectWer * 100);
            out.printf(Locale.ROOT, "alerts              %d of %d expected found%n", found.size(), found.size() + missed.size());
            found.forEach(f -> out.println("  found     " + f));
            missed.forEach(m -> out.println("  missed    " + m));
            unexpected.forEach(u -> out.println("  not in the script " + u));
            out.printf(Locale.ROOT, "real-time factor    %.2f (%.1f s to hear %.1f s of audio)%n", realTimeFactor(), processingSeconds, audioSeconds);
            out.flush();
        }
    }

    private ModelCheck() {}

    /** Reads "speaker: words [CATEGORY]" lines; '#' starts a comment. */
    static List<Line> parse(String script) {
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (String raw : script.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int colon = line.indexOf(':');
            if (colon < 0) throw new UserException("script line " + n + ": expected 'rep: words' or 'prospect: words', got '" + line + "'");
            Speaker speaker = switch (line.substring(0, colon).strip().toLowerCase(Locale.ROOT)) {
                case "rep" -> Speaker.REP;
                case "prospect" -> Speaker.PROSPECT;
                default -> throw new UserException("script line " + n + ": the speaker must be 'rep' or 'prospect', was '" + line.substring(0, colon) + "'");
            };
            String text = line.substring(colon + 1).strip();
            Category expected = null;
            if (text.endsWith("]") && text.lastIndexOf('[') >= 0) {
                String tag = text.substring(text.lastIndexOf('[') + 1, text.length() - 1).strip();
                try {
                    expected = Category.valueOf(tag);
                } catch (IllegalArgumentException e) {
                    throw new UserException("script line " + n + ": '" + tag + "' is not a pressure category " + Category.pressure());
                }
                text = text.substring(0, text.lastIndexOf('[')).strip();
            }
            lines.add(new Line(speaker, text, expected));
        }
        if (lines.isEmpty()) throw new UserException("the script has no lines");
        return lines;
    }

    /** Speaks the script into a two-channel 16 kHz WAV in {@code dir} with espeak-ng and sox. */
    static Spoken speak(List<Line> script, Path dir) throws IOException, InterruptedException {
        List<String> left = new ArrayList<>(List.of("sox")), right = new ArrayList<>(List.of("sox"));
        List<double[]> times = new ArrayList<>();
        double t = 0;
        for (int i = 0; i < script.size(); i++) {
            Line l = script.get(i);
            Path raw = dir.resolve("line" + i + ".raw.wav"), voice = dir.resolve("line" + i + ".wav"), quiet = dir.resolve("line" + i + ".quiet.wav");
            run("espeak-ng", "-v", l.speaker() == Speaker.REP ? "en-us" : "en-gb+f3", "-s", "150", "-w", raw.toString(), l.text());
            run("sox", raw.toString(), "-r", "16000", "-c", "1", "-b", "16", voice.toString(), "pad", "0", String.valueOf(GAP));
            run("sox", voice.toString(), quiet.toString(), "vol", "0");
            double seconds = WavInput.open(voice).seconds();
            times.add(new double[]{t, t + seconds - GAP});
            t += seconds;
            left.add((l.speaker() == Speaker.REP ? voice : quiet).toString());
            right.add((l.speaker() == Speaker.PROSPECT ? voice : quiet).toString());
        }
        Path l = dir.resolve("rep.wav"), r = dir.resolve("prospect.wav"), call = dir.resolve("call.wav");
        left.add(l.toString());
        right.add(r.toString());
        run(left.toArray(String[]::new));
        run(right.toArray(String[]::new));
        run("sox", "-M", l.toString(), r.toString(), call.toString());
        return new Spoken(call, times, t);
    }

    /** Hears the spoken script through {@code recognizers} and the detector, as {@code analyze} does, and scores it. */
    static Result hear(Spoken spoken, List<Line> script, RuleEngine engine, BiFunction<Speaker, Float, SpeechRecognizer> recognizers,
                       LongSupplier nanoClock) throws IOException, InterruptedException {
        List<Envelope> events = new ArrayList<>();
        Map<Speaker, List<String>> heard = new EnumMap<>(Speaker.class);
        long started = nanoClock.getAsLong();
        CallRunner.Transcribed t = CallRunner.transcribeWith(WavInput.open(spoken.wav()), WavInput.Layout.parse("rep,prospect"), 0, () -> false, recognizers,
                prospect -> new LiveCall("model-check", "check", "", new Detector(engine, AlertPolicy.defaults(), MetricsThresholds.research(), prospect),
                        prospect, false, events::add, System::currentTimeMillis),
                seg -> {
                    if (seg.isFinal()) for (Word w : seg.words()) heard.computeIfAbsent(seg.speaker(), k -> new ArrayList<>()).add(w.text());
                });
        t.call().end("end-of-input");
        double processing = (nanoClock.getAsLong() - started) / 1e9;
        if (t.failure() != null) throw new UserException("reading " + spoken.wav() + " stopped: " + t.failure());
        CallSummary summary = new SummaryBuilder(MindsetChart.standard()).build("model-check", events);

        Map<Speaker, List<String>> said = new EnumMap<>(Speaker.class);
        for (Line l : script) said.computeIfAbsent(l.speaker(), k -> new ArrayList<>()).addAll(words(l.text()));
        int[] rep = edits(said.getOrDefault(Speaker.REP, List.of()), words(String.join(" ", heard.getOrDefault(Speaker.REP, List.of()))));
        int[] prospect = edits(said.getOrDefault(Speaker.PROSPECT, List.of()), words(String.join(" ", heard.getOrDefault(Speaker.PROSPECT, List.of()))));

        List<String> found = new ArrayList<>(), missed = new ArrayList<>(), unexpected = new ArrayList<>();
        List<CallSummary.AlertMoment> alerts = new ArrayList<>(summary.alerts());
        List<CallSummary.AlertMoment> matched = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            Line l = script.get(i);
            if (l.expected() == null) continue;
            double[] when = spoken.times().get(i);
            List<CallSummary.AlertMoment> hits = alerts.stream().filter(a -> a.category() == l.expected()
                    && a.at() >= when[0] - ALERT_SLACK && a.at() <= when[1] + ALERT_SLACK).toList();
            matched.addAll(hits);
            String what = l.expected() + " at " + Clock.format(when[0]) + " \"" + l.text() + "\"";
            (hits.isEmpty() ? missed : found).add(hits.isEmpty() ? what : what + " (heard \"" + hits.get(0).phrase() + "\")");
        }
        for (CallSummary.AlertMoment a : alerts) {
            if (!matched.contains(a)) unexpected.add(a.category() + " at " + Clock.format(a.at()) + " \"" + a.phrase() + "\"");
        }
        return new Result(rate(rep), rate(prospect), rate(new int[]{rep[0] + prospect[0], rep[1] + prospect[1]}), found, missed, unexpected,
                processing, spoken.seconds());
    }

    /** Word error rate: substitutions, insertions and deletions over the words of the reference. */
    static double wordErrorRate(String reference, String hypothesis) {
        return rate(edits(words(reference), words(hypothesis)));
    }

    private static double rate(int[] editsAndLength) {
        return editsAndLength[1] == 0 ? 0 : (double) editsAndLength[0] / editsAndLength[1];
    }

    /** {edit distance, reference length} over words. */
    static int[] edits(List<String> ref, List<String> hyp) {
        int[] prev = new int[hyp.size() + 1], cur = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) prev[j] = j;
        for (int i = 1; i <= ref.size(); i++) {
            cur[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int same = ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1;
                cur[j] = Math.min(prev[j - 1] + same, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return new int[]{prev[hyp.size()], ref.size()};
    }

    /** Lower-case words without punctuation, as a recogniser writes them. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    static void requireTools() {
        for (String tool : List.of("espeak-ng", "sox")) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, tool))) found = true;
            }
            if (!found) throw new UserException(tool + " is needed to speak the script: apt-get install -y espeak-ng sox");
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
    }
}
