package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.CallSummary.AlertMoment;
import dev.pressuremonitor.models.CallSummary.CategoryCount;
import dev.pressuremonitor.models.CallSummary.CoachingPoint;
import dev.pressuremonitor.models.CallSummary.TimelineBucket;
import dev.pressuremonitor.models.CallSummary.TrustMoment;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Clock;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Shift;
import dev.pressuremonitor.models.TrustSignal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a call's summary from its events (as stored, or as the offline {@code analyze} command makes them).
 * A pure function of the events: the same events give the same summary, before and after a restart.
 */
public final class SummaryBuilder {
    /** The same research thresholds the live detector warns with. */
    private static final MetricsThresholds LIMITS = MetricsThresholds.research();
    static final double TALK_SHARE_WARN = LIMITS.talkShareWarn();
    static final double MONOLOGUE_WARN = LIMITS.monologueWarnSeconds();
    static final int QUESTIONS_MIN = LIMITS.questionsMin();
    /** Below this length a call is not judged as a discovery call on its question count. */
    static final double DISCOVERY_MIN_SECONDS = 600;
    static final int TIMELINE_BUCKETS = 30;
    /**
     * What a call without alerts gets: what was detected, never a claim that there was no pressure (the detector
     * hears only the phrasings it has rules for).
     */
    static final String NO_PRESSURE_DETECTED = "No pressure moments detected";
    static final String NO_PRESSURE_DETAIL = "The detector matched none of its pressure patterns; it knows only the phrasings it has rules for,"
            + " so pressure in other words can pass unnoticed. Keep asking and keep listening.";
    /** Headings and empty-list wording shared by the text, Markdown and HTML reports. */
    static final String PRESSURE_HEADING = "Pressure moments detected";
    static final String TRUST_HEADING = "Trust signals detected";
    static final String NONE_DETECTED = "None detected.";

    private final MindsetChart chart;

    public SummaryBuilder(MindsetChart chart) {
        this.chart = chart;
    }

    /** Whether {@link #build} reads events of this kind; it passes over the others (a transcript's words). */
    static boolean reads(dev.pressuremonitor.models.Event e) {
        return e instanceof CallStarted || e instanceof CallEnded || e instanceof Alert || e instanceof TrustSignal || e instanceof MetricsSnapshot;
    }

    public CallSummary build(String callId, List<Envelope> events) {
        List<Envelope> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(Envelope::seq));
        CallStarted started = null;
        CallEnded ended = null;
        List<AlertMoment> alerts = new ArrayList<>();
        List<Alert> alertEvents = new ArrayList<>();
        List<TrustMoment> trust = new ArrayList<>();
        List<MetricsSnapshot> metrics = new ArrayList<>();
        for (Envelope e : ordered) {
            if (e.data() instanceof CallStarted s) started = s;
            else if (e.data() instanceof CallEnded c) ended = c;
            else if (e.data() instanceof Alert a) {
                alerts.add(new AlertMoment(a.start(), a.category(), a.rule(), a.phrase(), a.severity(), a.nudge()));
                alertEvents.add(a);
            } else if (e.data() instanceof TrustSignal t) trust.add(new TrustMoment(t.start(), t.rule(), t.phrase()));
            else if (e.data() instanceof MetricsSnapshot m) metrics.add(m);
        }
        metrics.sort(Comparator.comparingDouble(MetricsSnapshot::at));
        MetricsSnapshot last = metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
        double duration = ended != null ? ended.duration() : Math.max(last == null ? 0 : last.at(),
                alertEvents.stream().mapToDouble(Alert::end).max().orElse(0));
        long startedAt = started == null ? 0 : started.startedAt();
        Long endedAt = ended == null ? null : startedAt + Math.round(ended.duration() * 1000);

        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        Category.pressure().forEach(c -> counts.put(c, 0));
        alerts.forEach(a -> counts.merge(a.category(), 1, Integer::sum));
        List<CategoryCount> alertCounts = Category.pressure().stream().map(c -> new CategoryCount(c, counts.get(c))).toList();

        List<Double> pauses = new ArrayList<>();
        Double previous = null;
        for (MetricsSnapshot m : metrics) {
            Double p = m.lastObjectionPause();
            if (p != null && !p.equals(previous)) pauses.add(p);
            previous = p;
        }

        CallSummary s = new CallSummary(callId, started == null ? "" : started.rep(), started == null ? "" : started.team(),
                startedAt, endedAt, ended != null, duration,
                last == null ? null : last.repTalkShare(),
                last == null ? 0 : last.longestMonologue(), last == null ? 0 : last.longestMonologueAt(),
                last == null ? 0 : last.wordsPerMinute(), last == null ? 0 : last.openQuestions(),
                last == null ? 0 : last.closedQuestions(), last == null ? 0 : last.interruptions(),
                pauses, alertCounts, alerts, trust, timeline(metrics, alerts, duration), pressureScore(metrics, duration), List.of());
        return withCoaching(s, alertEvents);
    }

    static List<TimelineBucket> timeline(List<MetricsSnapshot> metrics, List<AlertMoment> alerts, double duration) {
        if (duration <= 0) return List.of();
        double size = Math.max(10, Math.ceil(duration / TIMELINE_BUCKETS / 5) * 5);
        int n = (int) Math.ceil(duration / size);
        List<TimelineBucket> out = new ArrayList<>(n);
        int mi = 0;
        int carriedPressure = 0;
        Double carriedShare = null;
        for (int b = 0; b < n; b++) {
            double from = b * size, to = Math.min(duration, (b + 1) * size);
            int peak = -1;
            while (mi < metrics.size() && metrics.get(mi).at() < to + (b == n - 1 ? 1e-9 : 0)) {
                MetricsSnapshot m = metrics.get(mi++);
                peak = Math.max(peak, m.pressureIndex());
                carriedPressure = m.pressureIndex();
                carriedShare = m.repTalkShare();
            }
            int count = 0;
            for (AlertMoment a : alerts) if (a.at() >= from && (a.at() < to || (b == n - 1 && a.at() <= to))) count++;
            out.add(new TimelineBucket(from, to, peak >= 0 ? peak : carriedPressure, carriedShare, count));
        }
        return out;
    }

    /** Time-weighted mean of the gauge: each reading holds until the next one, the last until the end. */
    static int pressureScore(List<MetricsSnapshot> metrics, double duration) {
        if (metrics.isEmpty() || duration <= 0) return 0;
        double area = 0, covered = 0;
        for (int i = 0; i < metrics.size(); i++) {
            double from = metrics.get(i).at();
            double to = i + 1 < metrics.size() ? metrics.get(i + 1).at() : Math.max(duration, from);
            area += metrics.get(i).pressureIndex() * (to - from);
            covered += to - from;
        }
        return covered <= 0 ? metrics.get(metrics.size() - 1).pressureIndex() : (int) Math.round(area / covered);
    }

    private record Candidate(double weight, CoachingPoint point) {}

    private CallSummary withCoaching(CallSummary s, List<Alert> alerts) {
        List<Candidate> c = new ArrayList<>();
        Map<Category, List<Alert>> byCategory = new EnumMap<>(Category.class);
        for (Alert a : alerts) byCategory.computeIfAbsent(a.category(), k -> new ArrayList<>()).add(a);
        for (var e : byCategory.entrySet()) {
            List<Alert> list = e.getValue();
            double weight = list.stream().mapToDouble(a -> severityWeight(a.severity())).sum();
            Alert worst = list.stream().max(Comparator.comparingDouble((Alert a) -> severityWeight(a.severity()))
                    .thenComparing(Comparator.comparingDouble(Alert::start).reversed())).orElseThrow();
            String times = list.size() == 1 ? "once" : list.size() + " times";
            c.add(new Candidate(weight, new CoachingPoint(title(e.getKey()),
                    capital(verb(e.getKey())) + " " + times + "; the strongest moment was \"" + worst.phrase() + "\" at " + clock(worst.start()) + ".",
                    worst.reframe().shift(), worst.reframe().trust(), worst.start(), worst.phrase(), worst.reframe().ask())));
        }
        if (s.repTalkShare() != null && s.repTalkShare() > TALK_SHARE_WARN) {
            c.add(new Candidate(4 + (s.repTalkShare() - TALK_SHARE_WARN) * 20, point("You did most of the talking",
                    String.format(Locale.ROOT, "You talked %.0f%% of the time; reps who win talk about 43%%. Ask, then let the silence work.",
                            s.repTalkShare() * 100), "stop-pitching", s.longestMonologueAt(), null, "What matters most to you in all this?")));
        }
        if (s.longestMonologue() > MONOLOGUE_WARN) {
            c.add(new Candidate(3, point("A long monologue",
                    "You spoke for " + clock(s.longestMonologue()) + " without a break from " + clock(s.longestMonologueAt())
                            + ". Past two minutes, attention drops: stop and ask what matters to them.", "stop-pitching", s.longestMonologueAt(), null,
                    "How does that land with you so far?")));
        }
        int questions = s.openQuestions() + s.closedQuestions();
        if (s.duration() >= DISCOVERY_MIN_SECONDS && questions < QUESTIONS_MIN) {
            c.add(new Candidate(2.5, point("Few questions",
                    "You asked " + questions + " question" + (questions == 1 ? "" : "s") + " (" + s.openQuestions() + " open); discovery calls that win ask 11-14.",
                    "find-fit", 0, null, "What would have to be true for this to work for you?")));
        }
        c.sort(Comparator.comparingDouble(Candidate::weight).reversed());
        List<CoachingPoint> points = new ArrayList<>(c.stream().limit(3).map(Candidate::point).toList());
        if (points.isEmpty()) {
            points.add(point(NO_PRESSURE_DETECTED, NO_PRESSURE_DETAIL, "find-fit", 0, null, null));
        }
        return new CallSummary(s.callId(), s.rep(), s.team(), s.startedAt(), s.endedAt(), s.ended(), s.duration(), s.repTalkShare(),
                s.longestMonologue(), s.longestMonologueAt(), s.wordsPerMinute(), s.openQuestions(), s.closedQuestions(),
                s.interruptions(), s.objectionPauses(), s.alertCounts(), s.alerts(), s.trustSignals(), s.timeline(), s.pressureScore(), points);
    }

    private CoachingPoint point(String title, String detail, String shiftId, double at, String quote, String ask) {
        Shift shift = chart.find(shiftId).orElseThrow();
        return new CoachingPoint(title, detail, shift.id(), shift.trust(), at, quote, ask);
    }

    static double severityWeight(Severity s) {
        return switch (s) {
            case LOW -> 1;
            case MEDIUM -> 2;
            case HIGH -> 3;
        };
    }

    static String title(Category c) {
        return switch (c) {
            case PITCH -> "You pitched";
            case CLOSE -> "You pushed to close";
            case URGENCY -> "You added urgency";
            case CHASE -> "You chased";
            case COUNTER -> "You countered an objection";
            case DEFEND -> "You defended your value";
            default -> c.name();
        };
    }

    static String verb(Category c) {
        return switch (c) {
            case PITCH -> "pitching came up";
            case CLOSE -> "closing pressure came up";
            case URGENCY -> "urgency came up";
            case CHASE -> "chasing came up";
            case COUNTER -> "countering came up";
            case DEFEND -> "defending came up";
            default -> c.name().toLowerCase();
        };
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The call clock as every view writes it ({@link Clock}). */
    public static String clock(double seconds) {
        return Clock.format(seconds);
    }
}
