package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.TrustSignal;
import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * The detector for one call: words in, alerts, trust signals and metrics out. It chains the stages
 * tokens → rules (matcher, guards, overlaps) → context → repeats → policy, and feeds settled words to the
 * metrics stage. Not thread-safe: one detector per call, fed from one thread.
 */
public final class Detector {
    /** Extra gauge load while a metric warning (talk share, monologue, pace) holds. */
    static final double WARNING_LOAD = 0.5;

    private final RuleEngine engine;
    private final AlertPolicy policy;
    private final ContextFilter context;
    private final RepeatFilter repeats = new RepeatFilter();
    private final ConversationMetrics metrics;
    private final PressureIndex index = new PressureIndex();
    private final OpinionStage opinion;
    private double now;

    public Detector(RuleEngine engine, AlertPolicy policy, MetricsThresholds thresholds, boolean prospectChannel) {
        this(engine, policy, thresholds, prospectChannel, null);
    }

    /** @param opinion a second opinion on settled rep utterances the rules found nothing in, or null for rules alone */
    public Detector(RuleEngine engine, AlertPolicy policy, MetricsThresholds thresholds, boolean prospectChannel, SecondOpinion opinion) {
        this.engine = engine;
        this.policy = policy;
        this.context = new ContextFilter(engine.pack().openingSeconds(), prospectChannel);
        this.metrics = new ConversationMetrics(prospectChannel, thresholds);
        this.opinion = opinion == null ? null : new OpinionStage(opinion, engine.pack());
    }

    /** Takes one partial or final segment; returns what is new in it. */
    public List<Event> accept(TranscriptSegment segment) {
        List<Word> words = segment.words();
        if (words.isEmpty()) return List.of();
        now = Math.max(now, words.get(words.size() - 1).end());
        Utterance u = Utterance.of(segment.speaker(), words);
        List<RuleHit> hits = engine.scan(u, context::allows);
        // the rep restating the prospect's no or price challenge ("i know it seems pricey, but") opens the same window
        // the prospect's own words would, for what follows it: heard again with that signal in place
        if (segment.speaker() == Speaker.REP && echoed(hits)) hits = engine.scan(u, context::allows);
        List<Event> out = new ArrayList<>(hits.isEmpty() ? 0 : 2);
        boolean objected = false, pressure = false;
        for (RuleHit hit : hits) {
            if (hit.rule().category().isPressure()) pressure = true;
            Rule rule = hit.rule();
            // weak rules and trust signals wait for the settled words, so a stronger reading of the same words can
            // win ("i hear you" is trust until "but" follows); nobody needs a trust signal within the second
            if (!segment.isFinal() && (rule.severity() == Severity.LOW || rule.category().kind() == Category.Kind.TRUST)) continue;
            // a plain question about us is no objection: only objections and challenges start the answer pause
            if (rule.category() == Category.OBJECTION || rule.category() == Category.VALUE_CHALLENGE) objected = true;
            if (!repeats.firstTime(hit)) continue;
            switch (rule.category().kind()) {
                case PROSPECT_SIGNAL -> {
                    // the rep's restatements were noted before the second scan (echoed)
                    if (segment.speaker() == Speaker.PROSPECT) context.prospectSignal(rule.category(), hit.end());
                }
                case TRUST -> {
                    index.trust(hit.start());
                    out.add(new TrustSignal(rule.id(), hit.phrase(), hit.start(), hit.end()));
                }
                case PRESSURE -> {
                    index.pressure(hit.start(), rule.weight() * severityFactor(rule.severity()));
                    out.add(policy.decide(new Alert(rule.category(), rule.id(), hit.phrase(), rule.severity(),
                            segment.speaker(), hit.start(), hit.end(), false, rule.reframe())));
                }
            }
        }
        if (segment.isFinal()) {
            boolean heardBefore = !metrics.add(u);
            if (objected && !heardBefore && segment.speaker() == Speaker.PROSPECT) metrics.objection(words.get(words.size() - 1).end());
            if (opinion != null && !heardBefore) {
                // the opinion reads what the rules read: no hesitations, restarts or passing "you know"s
                List<Word> read = u.readWords();
                if (!read.isEmpty()) opinion.settled(segment.speaker(), read, pressure).ifPresent(a -> {
                    if (opinion.live()) {
                        index.pressure(a.start(), severityFactor(a.severity()));
                        out.add(policy.decide(a));
                    } else {
                        out.add(a);
                    }
                });
            }
        }
        return out;
    }

    /** Notes the prospect signals the rep's own words carry; true when there was one. */
    private boolean echoed(List<RuleHit> hits) {
        boolean any = false;
        for (RuleHit hit : hits) {
            if (hit.rule().category().kind() != Category.Kind.PROSPECT_SIGNAL) continue;
            context.prospectSignal(hit.rule().category(), hit.end());
            any = true;
        }
        return any;
    }

    public MetricsSnapshot snapshot() {
        return snapshot(now);
    }

    public MetricsSnapshot snapshot(double at) {
        ConversationMetrics.Figures f = metrics.figures(at);
        int gauge = index.value(at, f.warnings().size() * WARNING_LOAD);
        return new MetricsSnapshot(at, f.repTalkShare(), f.currentMonologue(), f.longestMonologue(), f.longestMonologueAt(),
                f.wordsPerMinute(), f.openQuestions(), f.closedQuestions(), f.interruptions(), f.lastObjectionPause(),
                gauge, f.warnings());
    }

    public ConversationMetrics.Figures figures() {
        return metrics.figures(now);
    }

    /** Seconds into the call of the latest word heard. */
    public double now() {
        return now;
    }

    static double severityFactor(Severity s) {
        return switch (s) {
            case LOW -> 0.6;
            case MEDIUM -> 1.0;
            case HIGH -> 1.5;
        };
    }
}
