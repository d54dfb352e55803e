package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.audio.ChunkQueue;
import dev.pressuremonitor.agent.audio.Devices;
import dev.pressuremonitor.agent.audio.MicrophoneCapture;
import dev.pressuremonitor.agent.audio.WavInput;
import dev.pressuremonitor.agent.call.ConsoleNudges;
import dev.pressuremonitor.agent.call.LiveCall;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.SecondOpinion;
import dev.pressuremonitor.agent.publish.AgentClient;
import dev.pressuremonitor.agent.stt.SpeechSession;
import dev.pressuremonitor.agent.stt.VoskEngine;
import dev.pressuremonitor.agent.transcript.RecordedCall;
import dev.pressuremonitor.agent.transcript.Replayer;
import dev.pressuremonitor.models.Speaker;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Follows one call from whichever source the user chose (a recorded transcript, an audio recording through
 * Vosk, or the live microphone) through the detector into a publisher: what {@code agent} and {@code run} share.
 */
final class CallRunner {
    static final String DEMO_RESOURCE = "seeds/calls/demo.jsonl";

    private CallRunner() {}

    /**
     * Whether the file holds a recorded transcript (Vosk JSON results), judged by its content, not its name: a
     * call saved as {@code .txt} is still a call. Audio is anything that starts like a RIFF/WAVE, AIFF or AU file;
     * anything else is a mistake the user is told about.
     */
    static boolean isTranscript(Path input) {
        byte[] head = new byte[64];
        int n;
        try (InputStream in = java.nio.file.Files.newInputStream(input)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + input);
        } catch (IOException e) {
            throw new UserException("cannot read " + input + ": " + e.getMessage());
        }
        String start = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("RIFF") || start.startsWith("FORM") || start.startsWith(".snd")) return false;
        String text = start.replace("\u00EF\u00BB\u00BF", "").stripLeading();
        if (text.startsWith("{")) return true;
        throw new UserException(input + " is neither a recorded call (Vosk JSON results, one a line) nor audio (WAV):"
                + (n == 0 ? " it is empty" : " it starts with '" + printable(text.isEmpty() ? start : text) + "'")
                + ". Pass a .jsonl transcript or a .wav recording");
    }

    private static String printable(String s) {
        String first = s.lines().findFirst().orElse("");
        first = first.replaceAll("[^\\x20-\\x7e]", "?");
        return first.length() > 24 ? first.substring(0, 24) + "..." : first;
    }

    static RecordedCall load(Path input, boolean demo, PrintWriter err) {
        try {
            RecordedCall call;
            if (demo) {
                try (InputStream in = CallRunner.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
                    if (in == null) throw new UserException(DEMO_RESOURCE + " is missing from the jar: rebuild with 'mvn -B package'");
                    call = RecordedCall.read("demo call", in);
                }
            } else {
                call = RecordedCall.read(input);
            }
            call.problems().forEach(err::println);
            call.notes().forEach(err::println);
            String name = demo ? "the demo call" : input.toString();
            if (call.items().isEmpty()) throw new UserException(name + " has no readable Vosk results");
            if (!call.hasWords()) {
                throw new UserException(name + " has " + call.items().size() + " Vosk result(s) but not one word in them: nothing was"
                        + " said, or the recogniser's text was lost; record with word output on (Vosk setWords(true))");
            }
            return call;
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + e.getMessage());
        } catch (IOException e) {
            throw new UserException("cannot read " + input + ": " + e.getMessage());
        }
    }

    /** How long a call's end waits for the server to confirm every event. */
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);
    /**
     * The same after Ctrl-C, when the process is on its way out: short enough to say what happened before the stop
     * hook gives up ({@link StopHooks#CALL_END_WAIT_SECONDS}); what was not confirmed stays in the agent's outbox.
     */
    static final Duration STOPPING_WAIT = Duration.ofSeconds(8);

    /** Everything a call needs besides its source. */
    record Context(CallOptions opts, RuleEngine engine, SecondOpinion opinion, AgentClient client, PrintWriter out, PrintWriter err, String reportQuery) {
        Context(CallOptions opts, RuleEngine engine, SecondOpinion opinion, AgentClient client, PrintWriter out, PrintWriter err) {
            this(opts, engine, opinion, client, out, err, "");
        }

        LiveCall newCall(boolean prospectChannel) {
            ConsoleNudges console = new ConsoleNudges(out);
            Detector detector = new Detector(engine, opts.policy(), MetricsThresholds.research(), prospectChannel, opinion);
            return new LiveCall(LiveCall.newCallId(), opts.repName(), opts.team, detector, prospectChannel, opts.sendTranscript,
                    env -> {
                        client.accept(env);
                        console.accept(env);
                    }, System::currentTimeMillis);
        }

        /** Ends the call and waits up to {@code wait} for the server to confirm it. */
        boolean finish(LiveCall call, String reason, Duration wait) throws InterruptedException {
            call.end(reason);
            boolean delivered = client.awaitDelivered(wait);
            String refused = client.refusalOf(call.callId());
            if (client.refusal() != null) {
                // already said once, when the server refused; the call's events stay in the outbox
            } else if (refused != null) {
                err.println("pressure-monitor: the server refused part of call " + call.callId() + " (" + refused
                        + "): its report is incomplete or missing; see the server's log");
                delivered = false;
            } else if (!delivered) {
                String away = client.unreachable();
                err.println("pressure-monitor: the server at " + client.server() + " did not confirm every event within " + wait.toSeconds() + " s"
                        + (away == null ? "" : " (it could not be reached: " + away + ")"));
            }
            else out.println("report: " + reportUrl(client.server(), call.callId()) + reportQuery);
            out.flush();
            err.flush();
            return delivered;
        }
    }

    /** The call's report page on the server the agent talks to. */
    static String reportUrl(java.net.URI agentEndpoint, String callId) {
        String scheme = "wss".equals(agentEndpoint.getScheme()) ? "https" : "http";
        return scheme + "://" + agentEndpoint.getHost() + (agentEndpoint.getPort() > 0 ? ":" + agentEndpoint.getPort() : "") + "/calls/" + callId;
    }

    /** Fails fast, before any server starts, when the chosen source cannot work: missing file or model. */
    static void precheck(Path input, boolean demo, ListenOptions listen) {
        if (demo) return;
        if (input != null && !java.nio.file.Files.isRegularFile(input)) throw new UserException("no such file: " + input);
        if (input != null && isTranscript(input)) return;
        VoskEngine.checkLooksLikeAModel(listen.modelDir());
    }

    /**
     * Follows the call from the chosen source: the demo, a transcript (.jsonl), an audio file, or the microphone. A
     * Ctrl-C that came before (while waiting for the overlay) stores the call as begun and ended there, with no source
     * opened and no speech model loaded for it.
     */
    static boolean follow(Path input, boolean demo, double speed, ListenOptions listen, Context ctx, CountDownLatch stop)
            throws InterruptedException {
        if (stop.getCount() == 0) return end(ctx, ctx.newCall(false), stop, "hangup");
        if (demo) return play(load(null, true, ctx.err()), speed, ctx, stop);
        if (input != null && isTranscript(input)) return play(load(input, false, ctx.err()), speed, ctx, stop);
        if (input != null) return transcribe(input, speed, listen, ctx, stop);
        return listen(listen, ctx, stop);
    }

    /** A recorded transcript, replayed at {@code speed} until it ends or {@code stop} is counted down (Ctrl-C ends the call there). */
    static boolean play(RecordedCall recorded, double speed, Context ctx, CountDownLatch stop) throws InterruptedException {
        LiveCall call = ctx.newCall(recorded.hasProspect());
        new Replayer(speed).play(recorded, call::accept, () -> stop.getCount() == 0);
        return end(ctx, call, stop, "end-of-input");
    }

    /**
     * Ends the call {@code why}, or as a hang-up if Ctrl-C came ({@code stop} counted down): then the process is on its
     * way out, so delivery is waited for only {@link #STOPPING_WAIT}, inside the stop hook's time.
     */
    private static boolean end(Context ctx, LiveCall call, CountDownLatch stop, String why) throws InterruptedException {
        return stop.getCount() == 0 ? ctx.finish(call, "hangup", STOPPING_WAIT) : ctx.finish(call, why, DELIVERY_WAIT);
    }

    /** An audio recording through Vosk, at {@code speed} (0 = as fast as the recognisers go). */
    static boolean transcribe(Path file, double speed, ListenOptions listen, Context ctx, CountDownLatch stop) throws InterruptedException {
        Transcribed t = transcribeFile(file, speed, listen.recording, () -> stop.getCount() == 0, ctx::newCall, seg -> { });
        if (t.failure() != null) ctx.err().println("pressure-monitor: reading " + file + " stopped: " + t.failure());
        return end(ctx, t.call(), stop, t.failure() == null ? "end-of-input" : "input-error");
    }

    /** The call an audio file went into, and why reading stopped early (null when it did not). */
    record Transcribed(LiveCall call, String failure) {}

    /**
     * Feeds an audio file through Vosk into a call made by {@code newCall} (told whether the prospect is heard),
     * telling {@code onSegment} of each segment too. Shared by the live commands and the offline analyze.
     */
    static Transcribed transcribeFile(Path file, double speed, RecordingOptions recording, java.util.function.BooleanSupplier stopped,
                                      java.util.function.Function<Boolean, LiveCall> newCall,
                                      java.util.function.Consumer<dev.pressuremonitor.models.TranscriptSegment> onSegment) throws InterruptedException {
        WavInput wav;
        WavInput.Layout layout;
        try {
            wav = WavInput.open(file);
            layout = WavInput.Layout.parse(recording.channels);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        try (VoskEngine vosk = VoskEngine.open(recording.modelDir())) {
            return transcribeWith(wav, layout, speed, stopped, (s, rate) -> vosk.newRecognizer(rate), newCall, onSegment);
        }
    }

    /** {@link #transcribeFile} with the recognisers given: Vosk's, or a scripted one in tests. */
    static Transcribed transcribeWith(WavInput wav, WavInput.Layout layout, double speed, java.util.function.BooleanSupplier stopped,
                                      java.util.function.BiFunction<Speaker, Float, dev.pressuremonitor.agent.stt.SpeechRecognizer> recognizers,
                                      java.util.function.Function<Boolean, LiveCall> newCall,
                                      java.util.function.Consumer<dev.pressuremonitor.models.TranscriptSegment> onSegment) throws InterruptedException {
        Map<Speaker, ChunkQueue> queues = WavInput.queuesFor(wav, layout, 64);
        Map<Speaker, Float> rates = new EnumMap<>(Speaker.class);
        queues.keySet().forEach(s -> rates.put(s, wav.recognizerRate()));
        LiveCall call = newCall.apply(queues.containsKey(Speaker.PROSPECT));
        String[] failure = new String[1];
        new SpeechSession(recognizers).run(queues, rates, () -> {
            try {
                wav.play(layout, queues, speed, stopped);
            } catch (IOException e) {
                failure[0] = e.getMessage();
                queues.values().forEach(q -> q.offerLive(dev.pressuremonitor.agent.audio.AudioChunk.END));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, seg -> {
            call.accept(seg);
            onSegment.accept(seg);
        });
        return new Transcribed(call, failure[0]);
    }

    /** The live microphone (and optionally the prospect's device) until {@code stop} is counted down. */
    static boolean listen(ListenOptions listen, Context ctx, CountDownLatch stop) throws InterruptedException {
        try (VoskEngine vosk = VoskEngine.open(listen.modelDir())) {
            Map<Speaker, ChunkQueue> queues = new EnumMap<>(Speaker.class);
            Map<Speaker, MicrophoneCapture> captures = new EnumMap<>(Speaker.class);
            Map<Speaker, Float> rates = new EnumMap<>(Speaker.class);
            try {
                add(Speaker.REP, Devices.find(listen.mic), queues, captures, rates, ctx.err());
                if (listen.prospectDevice != null) add(Speaker.PROSPECT, Devices.find(listen.prospectDevice), queues, captures, rates, ctx.err());
            } catch (IllegalStateException e) {
                throw new UserException(e.getMessage());
            }
            LiveCall call = ctx.newCall(queues.containsKey(Speaker.PROSPECT));
            ctx.err().println("listening: " + String.join(", ", captures.keySet().stream().map(s -> s.name().toLowerCase()).toList())
                    + " (Ctrl-C ends the call)");
            ctx.err().flush();
            Thread stopper = new Thread(() -> {
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    return;
                }
                captures.values().forEach(MicrophoneCapture::stop);
            }, "call-stopper");
            stopper.setDaemon(true);
            stopper.start();
            new SpeechSession((s, rate) -> vosk.newRecognizer(rate)).run(queues, rates, () -> {
                List<Thread> ts = captures.entrySet().stream().map(e -> new Thread(e.getValue(), "capture-" + e.getKey().name().toLowerCase())).toList();
                ts.forEach(Thread::start);
                for (Thread t : ts) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        captures.values().forEach(MicrophoneCapture::stop);
                        return;
                    }
                }
            }, call::accept);
            captures.forEach((s, c) -> {
                long dropped = queues.get(s).dropped();
                if (dropped > 0) ctx.err().println(s.name().toLowerCase() + ": " + dropped + " audio chunk(s) dropped because recognition fell behind");
            });
            return end(ctx, call, stop, "hangup"); // the microphone's call ends only by Ctrl-C
        }
    }

    private static void add(Speaker s, Devices.Device device, Map<Speaker, ChunkQueue> queues, Map<Speaker, MicrophoneCapture> captures,
                            Map<Speaker, Float> rates, PrintWriter err) {
        ChunkQueue q = new ChunkQueue(50); // 5 s of audio: beyond that the oldest goes, counted
        queues.put(s, q);
        captures.put(s, new MicrophoneCapture(device.name(), Devices.opener(device), q, err, System::nanoTime));
        rates.put(s, device.formats().get(0).getSampleRate());
    }

    static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
