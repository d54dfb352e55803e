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
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TrustSignal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryBuilderTest {
    static final long T0 = 1_764_320_000_000L;
    static final Reframe CHASE = new Reframe("never-chase", "Never chase; get to the truth about fit.", "Has something changed on your side?");
    static final Reframe DEFEND = new Reframe("never-defend", "Never defend; defending adds pressure.", "Compared to what you expected, where does it feel off?");

    static List<Envelope> call(Event... events) {
        List<Envelope> out = new ArrayList<>();
        long seq = 1;
        for (Event e : events) out.add(new Envelope("call-1", seq++, T0 + seq, e));
        return out;
    }

    static MetricsSnapshot metrics(double at, Double share, double longest, double longestAt, int open, int closed, int interruptions,
                                   Double pause, int gauge) {
        return new MetricsSnapshot(at, share, 0, longest, longestAt, 140, open, closed, interruptions, pause, gauge, List.of());
    }

    @Test
    void summarisesAnEndedCallInFull() {
        List<Envelope> events = call(
                new CallStarted("ana", "emea", T0, true),
                new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 30, 31, true, CHASE),
                metrics(40, 0.5, 20, 10, 2, 1, 0, null, 30),
                new TrustSignal("trust.open-question", "tell me more", 50, 51),
                new Alert(Category.DEFEND, "defend.worth-it", "it's worth every penny", Severity.HIGH, Speaker.REP, 70, 71.5, false, DEFEND),
                metrics(80, 0.7, 150, 55, 2, 2, 1, 0.4, 60),
                metrics(100, 0.72, 150, 55, 3, 2, 1, 0.4, 50),
                new CallEnded(120, "hangup"));

        CallSummary s = new SummaryBuilder(MindsetChart.standard()).build("call-1", events);

        CallSummary expected = new CallSummary("call-1", "ana", "emea", T0, T0 + 120_000, true, 120, 0.72, 150, 55, 140, 3, 2, 1,
                List.of(0.4),
                List.of(new CategoryCount(Category.PITCH, 0), new CategoryCount(Category.CLOSE, 0), new CategoryCount(Category.URGENCY, 0),
                        new CategoryCount(Category.CHASE, 1), new CategoryCount(Category.COUNTER, 0), new CategoryCount(Category.DEFEND, 1)),
                List.of(new AlertMoment(30, Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, true),
                        new AlertMoment(70, Category.DEFEND, "defend.worth-it", "it's worth every penny", Severity.HIGH, false)),
                List.of(new TrustMoment(50, "trust.open-question", "tell me more")),
                List.of(new TimelineBucket(0, 10, 0, null, 0), new TimelineBucket(10, 20, 0, null, 0), new TimelineBucket(20, 30, 0, null, 0),
                        new TimelineBucket(30, 40, 0, null, 1), new TimelineBucket(40, 50, 30, 0.5, 0), new TimelineBucket(50, 60, 30, 0.5, 0),
                        new TimelineBucket(60, 70, 30, 0.5, 0), new TimelineBucket(70, 80, 30, 0.5, 1), new TimelineBucket(80, 90, 60, 0.7, 0),
                        new TimelineBucket(90, 100, 60, 0.7, 0), new TimelineBucket(100, 110, 50, 0.72, 0), new TimelineBucket(110, 120, 50, 0.72, 0)),
                // 30 for 40 s, 60 for 20 s, 50 for 20 s
                43,
                List.of(new CoachingPoint("You did most of the talking",
                                "You talked 72% of the time; reps who win talk about 43%. Ask, then let the silence work.",
                                "stop-pitching", "Stop pitching and start a conversation.", 55, null, "What matters most to you in all this?"),
                        new CoachingPoint("You defended your value",
                                "Defending came up once; the strongest moment was \"it's worth every penny\" at 1:10.",
                                "never-defend", "Never defend; defending adds pressure.", 70, "it's worth every penny",
                                "Compared to what you expected, where does it feel off?"),
                        new CoachingPoint("A long monologue",
                                "You spoke for 2:30 without a break from 0:55. Past two minutes, attention drops: stop and ask what matters to them.",
                                "stop-pitching", "Stop pitching and start a conversation.", 55, null, "How does that land with you so far?")));
        assertThat(s).isEqualTo(expected);
    }

    @Test
    void aCallInProgressIsSummarisedSoFar() {
        CallSummary s = new SummaryBuilder(MindsetChart.standard()).build("call-1", call(
                new CallStarted("ben", "", T0, false),
                metrics(30, null, 12, 3, 1, 0, 0, null, 10)));
        assertThat(s.ended()).isFalse();
        assertThat(s.endedAt()).isNull();
        assertThat(s.duration()).isEqualTo(30);
        assertThat(s.repTalkShare()).isNull();
        assertThat(s.pressureScore()).isEqualTo(10);
        assertThat(s.coaching()).extracting(CoachingPoint::title).containsExactly("No pressure moments detected");
    }

    @Test
    void aLongDiscoveryCallWithFewQuestionsSaysSo() {
        CallSummary s = new SummaryBuilder(MindsetChart.standard()).build("call-1", call(
                new CallStarted("cy", "", T0, true),
                metrics(900, 0.4, 60, 100, 3, 2, 0, null, 5),
                new CallEnded(900, "hangup")));
        assertThat(s.coaching()).hasSize(1);
        assertThat(s.coaching().get(0).title()).isEqualTo("Few questions");
        assertThat(s.coaching().get(0).detail()).isEqualTo("You asked 5 questions (3 open); discovery calls that win ask 11-14.");
        assertThat(s.coaching().get(0).shift()).isEqualTo("find-fit");
    }

    @Test
    void eventsOutOfOrderGiveTheSameSummary() {
        List<Envelope> events = call(new CallStarted("ana", "", T0, true), metrics(10, 0.5, 5, 0, 0, 0, 0, null, 20),
                metrics(20, 0.6, 5, 0, 0, 0, 0, null, 40), new CallEnded(30, "hangup"));
        List<Envelope> shuffled = new ArrayList<>(List.of(events.get(3), events.get(1), events.get(0), events.get(2)));
        SummaryBuilder b = new SummaryBuilder(MindsetChart.standard());
        assertThat(b.build("call-1", shuffled)).isEqualTo(b.build("call-1", events));
    }
}
