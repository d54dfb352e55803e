package dev.pressuremonitor.bench;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pressuremonitor.bench.StepLatencies.pct;

/**
 * Loopback load: N agents each send alerts for their own rep at an even share of the target rate, M overlays
 * each watch one rep, and every delivered alert's ingest-to-overlay latency is recorded. Bounded in time and
 * count, loopback only, stops by itself.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.pressuremonitor.bench.LoadTool [agents] [overlays] [rates,...] [seconds] [ws://target [pid]]</pre>
 * One pass over the same steps, not reported, warms both the server's compiler and this tool's. Latency percentiles
 * are given over the whole step, then the p99 of the events sent in the step's first second (new connections, every
 * call starting at once) and of those sent after it, at the steady rate ({@link StepLatencies} says why).
 * Without a target the real server runs in this JVM (no access control, a throwaway database); with one, the tool
 * drives that server (ours or the reference relay) and reads the process's CPU and memory from /proc when given
 * its pid.
 */
public final class LoadTool {
    private static final Reframe REFRAME = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");

    static URI target;
    static long pid;
    /**
     * With {@code -Dpm.load.firstSeconds=FILE}: each reported step's start ("STEP rate epoch-ms") and every event sent
     * in its first 3 s ("rate send-offset-us latency-us"), buffered and written after the step, for
     * {@code bench/first-seconds.py} to line up with the server's {@code -Xlog:gc:file=...:timemillis}.
     */
    static final java.io.PrintStream FIRST_SECONDS = firstSeconds(System.getProperty("pm.load.firstSeconds"));

    public static void main(String[] args) throws Exception {
        int agents = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int overlays = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int[] rates = Arrays.stream((args.length > 2 ? args[2] : "500,1000,2000,4000").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        target = args.length > 4 ? URI.create(args[4]) : null;
        pid = args.length > 5 ? Long.parseLong(args[5]) : -1;
        if (target != null && !"127.0.0.1".equals(target.getHost()) && !"localhost".equals(target.getHost())) {
            throw new IllegalArgumentException("load only ever targets loopback: use ws://127.0.0.1:PORT");
        }
        if (agents < 1 || overlays < 0 || seconds < 1 || seconds > 120) throw new IllegalArgumentException("agents >= 1, overlays >= 0, 1 <= seconds <= 120");

        System.out.printf(Locale.ROOT, "%d agents, %d overlays, %d s per step, after one unreported pass over the same steps (warm-up), loopback, %s (%d cores)%n%n",
                agents, overlays, seconds, target == null ? "server in this JVM" : "server " + target,
                Runtime.getRuntime().availableProcessors());
        System.out.println(target == null
                ? "| target ev/s | sent ev/s | delivered ev/s | p50 ms | p90 ms | p99 ms | max ms | p99 ms, 1st s | p99 ms, after | dropped | JVM heap used MiB | process CPU % |"
                : "| target ev/s | sent ev/s | delivered ev/s | p50 ms | p90 ms | p99 ms | max ms | p99 ms, 1st s | p99 ms, after | dropped | server RSS MiB | server CPU % |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
        // warm-up, not reported: a server runs for hours, and its compiler's first minute is not what the steps compare.
        // One pass over the same rates: each rate's work gets compiled, and the quieter steps give the compiler time
        // (a JVM compiling with C2 alone, warmed by one step at the highest rate, was still compiling in the first
        // reported step)
        for (int rate : rates) step(agents, overlays, rate, seconds, false);
        for (int rate : rates) step(agents, overlays, rate, seconds, true);
    }

    private static void step(int agents, int overlays, int rate, int seconds, boolean report) throws Exception {
        try (PressureServer server = target == null ? PressureServer.start(ServerConfig.defaults().withPort(0)
                .withLimits(new ServerConfig.Limits(4, 10_000, 10, 100_000))
                .withConnections(new ServerConfig.Connections(100_000, agents + overlays + 100))) : null) {
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
            try {
                URI base = target != null ? target : URI.create("ws://127.0.0.1:" + server.port());
                ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
                int maxSamples = rate * seconds * Math.max(1, (overlays + agents - 1) / agents) + 1024;
                StepLatencies latencies = new StepLatencies(maxSamples);
                AtomicLong stepStart = new AtomicLong(); // set when the calls have started, before the first alert
                AtomicLong delivered = new AtomicLong();

                CountDownLatch overlaysUp = new CountDownLatch(overlays);
                List<Channel> overlayChannels = new ArrayList<>();
                for (int j = 0; j < overlays; j++) {
                    overlayChannels.add(connect(group, base.resolve("/ws/overlay?rep=rep-" + (j % agents)), overlaysUp, (ctx, text) -> {
                        // cheap parse: the envelope starts {"type":"alert","callId":"...","seq":N,
                        if (!text.startsWith("{\"type\":\"alert\"")) return;
                        long now = System.nanoTime();
                        int c = text.indexOf("\"callId\":\"") + 10;
                        int ce = text.indexOf('"', c);
                        int s = text.indexOf("\"seq\":", ce) + 6;
                        int se = text.indexOf(',', s);
                        Long t0 = sentAt.get(text.substring(c, ce) + "#" + text.substring(s, se));
                        if (t0 == null) return;
                        delivered.incrementAndGet();
                        latencies.add(t0 - stepStart.get(), now - t0);
                        if (report && FIRST_SECONDS != null && t0 - stepStart.get() < 3_000_000_000L) {
                            FIRST_SECONDS.println(rate + " " + (t0 - stepStart.get()) / 1000 + " " + (now - t0) / 1000);
                        }
                    }));
                }
                if (!overlaysUp.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("overlays did not connect");

                CountDownLatch agentsUp = new CountDownLatch(agents);
                List<Channel> agentChannels = new ArrayList<>();
                for (int i = 0; i < agents; i++) agentChannels.add(connect(group, base.resolve("/ws/agent"), agentsUp, (ctx, text) -> { }));
                if (!agentsUp.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("agents did not connect");
                // each step is a fresh set of calls: a long-running target server must not see them as resends
                String stepId = Long.toString(System.nanoTime(), 36);
                for (int i = 0; i < agents; i++) {
                    agentChannels.get(i).writeAndFlush(new TextWebSocketFrame(EventCodec.encode(
                            new Envelope("call-" + stepId + "-" + i, 1, System.currentTimeMillis(), new CallStarted("rep-" + i, "load", System.currentTimeMillis(), false)))));
                }

                stepStart.set(System.nanoTime());
                if (report && FIRST_SECONDS != null) FIRST_SECONDS.println("STEP " + rate + " " + System.currentTimeMillis());
                long cpu0 = target == null ? cpuNanos() : procCpuNanos(), wall0 = System.nanoTime();
                AtomicLong sent = new AtomicLong();
                long periodNanos = (long) (1e9 * agents / rate);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                List<io.netty.util.concurrent.ScheduledFuture<?>> tasks = new ArrayList<>();
                List<AtomicLong> seqs = new ArrayList<>();
                for (int i = 0; i < agents; i++) {
                    Channel ch = agentChannels.get(i);
                    String callId = "call-" + stepId + "-" + i;
                    AtomicLong seq = new AtomicLong(1);
                    seqs.add(seq);
                    tasks.add(ch.eventLoop().scheduleAtFixedRate(() -> {
                        if (System.nanoTime() >= end) return;
                        long n = seq.incrementAndGet();
                        Alert a = new Alert(Category.CHASE, "chase.load", "just checking in", Severity.MEDIUM, Speaker.REP, n, n + 1, true, REFRAME);
                        String json = EventCodec.encode(new Envelope(callId, n, System.currentTimeMillis(), a));
                        sentAt.put(callId + "#" + n, System.nanoTime());
                        ch.writeAndFlush(new TextWebSocketFrame(json));
                        sent.incrementAndGet();
                    }, (long) (Math.random() * periodNanos), periodNanos, TimeUnit.NANOSECONDS));
                }
                while (System.nanoTime() < end) Thread.sleep(100);
                tasks.forEach(t -> t.cancel(false));
                Thread.sleep(1000); // let the last deliveries land
                for (int i = 0; i < agents; i++) {
                    Channel ch = agentChannels.get(i);
                    long last = seqs.get(i).get() + 1;
                    String endId = "call-" + stepId + "-" + i;
                    ch.eventLoop().execute(() -> ch.writeAndFlush(new TextWebSocketFrame(EventCodec.encode(
                            new Envelope(endId, last, System.currentTimeMillis(), new CallEnded(1, "load-step-over"))))));
                }
                double wall = (System.nanoTime() - wall0) / 1e9 - 1.0;
                double cpu = 100.0 * ((target == null ? cpuNanos() : procCpuNanos()) - cpu0) / 1e9 / (wall + 1.0) / Runtime.getRuntime().availableProcessors();
                Runtime rt = Runtime.getRuntime();
                long heap = target == null ? (rt.totalMemory() - rt.freeMemory()) >> 20 : procRssMiB();

                long[] lat = latencies.sorted(Long.MIN_VALUE, Long.MAX_VALUE);
                int n = lat.length;
                if (report) System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %d | %.0f |%n", rate,
                        sent.get() / wall, delivered.get() / wall, pct(lat, 50), pct(lat, 90), pct(lat, 99), n == 0 ? 0 : lat[n - 1] / 1e6,
                        pct(latencies.sorted(Long.MIN_VALUE, StepLatencies.FIRST_SECOND_NANOS), 99), pct(latencies.sorted(StepLatencies.FIRST_SECOND_NANOS, Long.MAX_VALUE), 99),
                        server == null ? "-" : String.valueOf(server.overlays().dropped()), heap, cpu);
                if (FIRST_SECONDS != null) FIRST_SECONDS.flush();
                overlayChannels.forEach(Channel::close);
                agentChannels.forEach(Channel::close);
            } finally {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            }
        }
    }

    private static java.io.PrintStream firstSeconds(String file) {
        if (file == null) return null;
        try {
            return new java.io.PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(file), 1 << 24), false);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("-Dpm.load.firstSeconds=" + file + ": cannot write there (" + e.getMessage() + "); give a writable file", e);
        }
    }

    /** utime + stime of the target process, from /proc (Linux), in nanoseconds; 0 without a pid. */
    private static long procCpuNanos() {
        if (pid <= 0) return 0;
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 10_000_000L; // USER_HZ = 100
        } catch (Exception e) {
            return 0;
        }
    }

    private static long procRssMiB() {
        if (pid <= 0) return 0;
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D+", "")) >> 10;
            }
        } catch (Exception e) {
            return 0;
        }
        return 0;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    interface OnText {
        void text(ChannelHandlerContext ctx, String text);
    }

    private static Channel connect(EventLoopGroup group, URI uri, CountDownLatch up, OnText onText) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), 65536)),
                                new SimpleChannelInboundHandler<WebSocketFrame>() {
                                    @Override
                                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                                        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) up.countDown();
                                        super.userEventTriggered(ctx, evt);
                                    }

                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame f) {
                                        if (f instanceof TextWebSocketFrame t) onText.text(ctx, t.text());
                                    }
                                });
                    }
                })
                .connect(uri.getHost(), uri.getPort()).sync().channel();
    }
}
