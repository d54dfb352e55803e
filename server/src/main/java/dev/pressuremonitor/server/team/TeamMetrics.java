package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Team metrics for Prometheus ({@code GET /metrics}). Tags stay bounded: team is a tag (capped), the rep is not
 * unless asked for, and then capped too, so a team server cannot grow a series per person without limit.
 */
public final class TeamMetrics {
    static final int MAX_TEAMS = 50;
    static final int MAX_REPS = 500;
    /** Rules come from agents' rule packs: enough for the shipped ones and a team's own, not one per typo. */
    static final int MAX_RULES = 300;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final boolean perRep;
    private final Timer ingest;
    private final Timer detectionLag;
    /** Alert and nudge counters by their tags, kept once registered. */
    private final java.util.Map<CounterKey, Counter> keptCounters = new java.util.concurrent.ConcurrentHashMap<>();

    private record CounterKey(String name, String category, String team, String repOrRule) {}
    static final int MAX_KEPT_COUNTERS = 10_000;

    public TeamMetrics(boolean perRep) {
        this.perRep = perRep;
        registry.config()
                .meterFilter(MeterFilter.maximumAllowableTags("pm.alerts", "team", MAX_TEAMS, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.calls", "team", MAX_TEAMS, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.call", "team", MAX_TEAMS, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.alerts", "rep", MAX_REPS, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.nudges", "team", MAX_TEAMS, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.nudges", "rule", MAX_RULES, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.feedback.marks", "team", MAX_TEAMS, MeterFilter.deny()))
                .meterFilter(MeterFilter.maximumAllowableTags("pm.feedback.marks", "rule", MAX_RULES, MeterFilter.deny()));
        ingest = Timer.builder("pm.ingest").description("From an agent frame arriving to the event being durably stored")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        detectionLag = Timer.builder("pm.detection.lag").description("From the agent making an alert to the server receiving it")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    // the registry holds a function counter's object only weakly: these suppliers live as long as this object
    private Supplier<Number> dropped = () -> 0;
    private Supplier<Number> rejected = () -> 0;

    public void connections(Supplier<Number> agents, Supplier<Number> overlays, Supplier<Number> dropped, Supplier<Number> rejected) {
        this.dropped = dropped;
        this.rejected = rejected;
        Gauge.builder("pm.agents.connected", agents).description("Agent WebSocket connections").register(registry);
        Gauge.builder("pm.overlays.connected", overlays).description("Overlay WebSocket connections").register(registry);
        FunctionCounter.builder("pm.overlay.messages.dropped", this, m -> m.dropped.get().doubleValue())
                .description("Messages slow overlays never got (coalesced or over their backlog)").register(registry);
        FunctionCounter.builder("pm.events.rejected", this, m -> m.rejected.get().doubleValue())
                .description("Agent events refused as malformed or out of place").register(registry);
    }

    /** Open connections of every kind, the figure the server's connection caps apply to. */
    public void openConnections(Supplier<Number> open) {
        Gauge.builder("pm.connections.open", open).description("Open connections, HTTP and WebSocket").register(registry);
    }

    public void alert(Alert a, String team, String rep, long sentAtMillis, long nowMillis) {
        String category = a.category().name(), teamTag = team.isEmpty() ? "none" : team;
        kept(new CounterKey("pm.alerts", category, teamTag, perRep ? rep : null), () -> {
            Counter.Builder b = Counter.builder("pm.alerts").description("Pressure alerts heard").tag("category", category).tag("team", teamTag);
            if (perRep) b.tag("rep", rep);
            return b.register(registry);
        }).increment();
        if (a.nudge()) {
            kept(new CounterKey("pm.nudges", category, teamTag, a.rule()), () -> Counter.builder("pm.nudges")
                    .description("Nudges shown live, by rule: the denominator of the false-nudge rate")
                    .tag("category", category).tag("rule", a.rule()).tag("team", teamTag).register(registry)).increment();
        }
        long lag = nowMillis - sentAtMillis;
        if (lag >= 0) detectionLag.record(lag, TimeUnit.MILLISECONDS);
    }

    /**
     * The counter under {@code key}, registered once and then kept: registering builds the meter's id and runs the
     * tag-limit filters, on the writer thread, for every stored alert. At most {@link #MAX_KEPT_COUNTERS} are kept;
     * past that each is registered as before. A counter the tag limits turned away stays turned away, so keeping
     * it changes nothing.
     */
    private Counter kept(CounterKey key, Supplier<Counter> register) {
        Counter c = keptCounters.get(key);
        if (c != null) return c;
        c = register.get();
        if (keptCounters.size() < MAX_KEPT_COUNTERS) keptCounters.putIfAbsent(key, c);
        return c;
    }

    /**
     * Someone marked a nudge (not_pressure, confirmed) or a missed moment. The false-nudge rate per category or rule
     * is {@code pm_feedback_marks_total{kind="not_pressure"}} over {@code pm_nudges_total}.
     */
    public void marked(dev.pressuremonitor.models.FeedbackMark m) {
        Counter.builder("pm.feedback.marks").description("Marks people made on calls: nudges not pressure or confirmed, pressure missed")
                .tag("kind", m.kind().wire()).tag("category", m.category().name()).tag("rule", m.rule() == null ? "none" : m.rule())
                .tag("team", m.team().isEmpty() ? "none" : m.team()).register(registry).increment();
    }

    /** A client hit a limit ({@code limit}: connections, rate, open-calls, frame-size, auth, origin). */
    public void refused(String limit) {
        Counter.builder("pm.refused").description("Connections and events refused by a limit or by access control").tag("limit", limit)
                .register(registry).increment();
    }

    /** The call store's state: failed writes by reason, and whether its disk is full now. */
    public void store(dev.pressuremonitor.server.calls.WriteHealth health) {
        for (var r : dev.pressuremonitor.server.calls.WriteHealth.Reason.values()) {
            Counter.builder("pm.store.write.failures").description("Writes to the call store that failed, by reason (disk-full, busy, error)")
                    .tag("reason", r.tag).register(registry);
        }
        Gauge.builder("pm.store.disk.full", health, h -> h.diskFull() ? 1 : 0)
                .description("1 while the call store cannot write because its disk is full").register(registry);
    }

    /**
     * Summaries saved at calls' ends, by where their events came from: {@code memory} (this server stored the whole
     * call and kept it) or {@code database} (read back: a call it took over, or more calls in progress than it keeps).
     */
    public void summaries(java.util.function.LongSupplier fromMemory, java.util.function.LongSupplier fromDatabase) {
        this.summariesFromMemory = fromMemory;
        this.summariesFromDatabase = fromDatabase;
        String what = "Summaries saved at calls' ends, by where their events came from (memory: the whole call kept as it was stored)";
        FunctionCounter.builder("pm.summaries.built", this, m -> m.summariesFromMemory.getAsLong()).tag("source", "memory").description(what).register(registry);
        FunctionCounter.builder("pm.summaries.built", this, m -> m.summariesFromDatabase.getAsLong()).tag("source", "database").description(what).register(registry);
    }

    // held here for the same reason as the connections' suppliers
    private java.util.function.LongSupplier summariesFromMemory = () -> 0;
    private java.util.function.LongSupplier summariesFromDatabase = () -> 0;

    public void storeWriteFailed(dev.pressuremonitor.server.calls.WriteHealth.Reason r) {
        Counter.builder("pm.store.write.failures").tag("reason", r.tag).register(registry).increment();
    }

    public void stored(long receivedNanos, long nowNanos) {
        ingest.record(nowNanos - receivedNanos, TimeUnit.NANOSECONDS);
    }

    public void callEnded(CallSummary s) {
        String team = s.team().isEmpty() ? "none" : s.team();
        Counter.builder("pm.calls").description("Calls that ended").tag("team", team).register(registry).increment();
        DistributionSummary.builder("pm.call.duration").baseUnit("seconds").tag("team", team).publishPercentileHistogram()
                .register(registry).record(s.duration());
        DistributionSummary.builder("pm.call.pressure.score").description("Pressure score 0-100 per call").tag("team", team)
                .serviceLevelObjectives(10, 20, 30, 40, 50, 60, 70, 80, 90, 100).register(registry).record(s.pressureScore());
        if (s.repTalkShare() != null) {
            DistributionSummary.builder("pm.call.talk.share").description("Rep talk share per call, 0-1").tag("team", team)
                    .serviceLevelObjectives(0.3, 0.43, 0.5, 0.65, 0.8, 1.0).register(registry).record(s.repTalkShare());
        }
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
