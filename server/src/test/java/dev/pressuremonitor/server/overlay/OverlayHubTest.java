package dev.pressuremonitor.server.overlay;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverlayHubTest {
    private static final Reframe R = new Reframe("never-chase", "Never chase.", "What changed?");
    private long seq;

    private String publish(OverlayHub hub, String rep, Event e) {
        return publish(hub, "emea", rep, e);
    }

    private String publish(OverlayHub hub, String team, String rep, Event e) {
        Envelope env = new Envelope("call-" + team + "-" + rep, ++seq, 1000 + seq, e);
        String json = EventCodec.encode(env);
        hub.publish(team, rep, env, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return json;
    }

    private static Alert nudge(String phrase, double at) {
        return new Alert(Category.CHASE, "chase.x", phrase, Severity.MEDIUM, Speaker.REP, at, at + 1, true, R);
    }

    private static MetricsSnapshot metrics(double at, int gauge) {
        return new MetricsSnapshot(at, 0.5, 1, 2, 0, 120, 0, 0, 0, null, gauge, List.of());
    }

    private static final class Recorder implements OverlaySubscriber {
        final List<String> got = new ArrayList<>();

        @Override
        public void send(byte[] utf8, boolean coalescable) {
            got.add(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void aServerWithTokensKeepsEachRepsCallOnceUnderItsTeam() {
        OverlayHub hub = new OverlayHub(false);
        Recorder ana = new Recorder();
        hub.subscribe("emea", "ana", ana);
        String a = publish(hub, "ana", new CallStarted("ana", "emea", 1, true));
        assertThat(ana.got).containsExactly(a);
        assertThat(hub.streams()).isEqualTo(1);
    }

    @Test
    void aServerWithTokensRefusesAnOverlayThatNamesNoTeam() {
        OverlayHub hub = new OverlayHub(false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hub.subscribe("ana", new Recorder()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name the team");
    }

    @Test
    void anOverlayOnlyHearsItsOwnRep() {
        OverlayHub hub = new OverlayHub();
        Recorder ana = new Recorder(), ben = new Recorder();
        hub.subscribe("ana", ana);
        hub.subscribe("ben", ben);
        String a = publish(hub, "ana", new CallStarted("ana", "", 1, true));
        String b = publish(hub, "ben", new CallStarted("ben", "", 1, true));
        assertThat(ana.got).containsExactly(a);
        assertThat(ben.got).containsExactly(b);
    }

    @Test
    void anOverlayJoiningMidCallGetsTheCallTheLastNudgesAndTheGaugeFirst() {
        OverlayHub hub = new OverlayHub();
        String started = publish(hub, "ana", new CallStarted("ana", "", 1, true));
        List<String> nudges = new ArrayList<>();
        for (int i = 0; i < 7; i++) nudges.add(publish(hub, "ana", nudge("phrase " + i, i * 10)));
        publish(hub, "ana", metrics(60, 40));
        String latest = publish(hub, "ana", metrics(70, 45));
        publish(hub, "ana", nudge("not shown live", 75).withNudge(false));

        Recorder late = new Recorder();
        hub.subscribe("ana", late);
        List<String> expected = new ArrayList<>();
        expected.add(started);
        expected.addAll(nudges.subList(2, 7));
        expected.add(latest);
        assertThat(late.got).containsExactlyElementsOf(expected);
    }

    @Test
    void aNewCallClearsTheLastCallsState() {
        OverlayHub hub = new OverlayHub();
        publish(hub, "ana", new CallStarted("ana", "", 1, true));
        publish(hub, "ana", nudge("old", 1));
        String second = publish(hub, "ana", new CallStarted("ana", "", 2, true));
        Recorder r = new Recorder();
        hub.subscribe("ana", r);
        assertThat(r.got).containsExactly(second);
    }

    @Test
    void aNewCallsNudgesComeInOrderAfterALongLastCall() {
        OverlayHub hub = new OverlayHub();
        publish(hub, "ana", new CallStarted("ana", "", 1, true));
        for (int i = 0; i < 7; i++) publish(hub, "ana", nudge("old " + i, i));
        String second = publish(hub, "ana", new CallStarted("ana", "", 2, true));
        String first = publish(hub, "ana", nudge("new 1", 1));
        String next = publish(hub, "ana", nudge("new 2", 2));
        Recorder r = new Recorder();
        hub.subscribe("ana", r);
        assertThat(r.got).containsExactly(second, first, next);
    }

    @Test
    void onALocalServerOverlaysNamingTheTeamOrNotHearEachEventOnceAndJoinMidCallToTheSameState() {
        OverlayHub hub = new OverlayHub();
        Recorder anyTeam = new Recorder(), emea = new Recorder();
        hub.subscribe("ana", anyTeam);
        hub.subscribe("emea", "ana", emea);
        List<String> sent = new ArrayList<>();
        sent.add(publish(hub, "ana", new CallStarted("ana", "emea", 1, true)));
        for (int i = 0; i < 3; i++) sent.add(publish(hub, "ana", nudge("phrase " + i, i)));
        assertThat(anyTeam.got).containsExactlyElementsOf(sent);
        assertThat(emea.got).containsExactlyElementsOf(sent);

        Recorder lateAny = new Recorder(), lateEmea = new Recorder();
        hub.subscribe("ana", lateAny);
        hub.subscribe("emea", "ana", lateEmea);
        assertThat(lateAny.got).containsExactlyElementsOf(sent).isEqualTo(lateEmea.got);
    }

    @Test
    void onALocalServerAnOverlayNamingNoTeamShowsTheCallOfTheTeamThatSpokeLast() {
        OverlayHub hub = new OverlayHub();
        publish(hub, "emea", "ana", new CallStarted("ana", "emea", 1, true));
        publish(hub, "emea", "ana", nudge("emea's", 1));
        String apacStarted = publish(hub, "apac", "ana", new CallStarted("ana", "apac", 2, true));
        String apacNudge = publish(hub, "apac", "ana", nudge("apac's", 2));

        Recorder anyTeam = new Recorder(), emea = new Recorder();
        hub.subscribe("ana", anyTeam);
        hub.subscribe("emea", "ana", emea);
        assertThat(anyTeam.got).containsExactly(apacStarted, apacNudge);
        assertThat(emea.got).hasSize(2).doesNotContain(apacStarted, apacNudge);
    }

    @Test
    void aResumedCallIsWhatOverlaysNamingTheTeamOrNotGet() {
        OverlayHub hub = new OverlayHub();
        Envelope started = new Envelope("call-r", 1, 1, new CallStarted("ana", "emea", 1, true));
        Envelope hint = new Envelope("call-r", 2, 2, nudge("resumed", 1));
        Recorder watching = new Recorder();
        hub.subscribe("ana", watching);
        hub.resume("emea", "ana", List.of(started, hint));

        List<String> expected = List.of(EventCodec.encode(started), EventCodec.encode(hint));
        assertThat(watching.got).containsExactlyElementsOf(expected);
        Recorder lateAny = new Recorder(), lateEmea = new Recorder();
        hub.subscribe("ana", lateAny);
        hub.subscribe("emea", "ana", lateEmea);
        assertThat(lateAny.got).containsExactlyElementsOf(expected);
        assertThat(lateEmea.got).containsExactlyElementsOf(expected);
    }

    @Test
    void aResumeDoesNotTakeAnOverlayNamingNoTeamAwayFromAnotherTeamsCallInProgress() {
        OverlayHub hub = new OverlayHub();
        String live = publish(hub, "apac", "ana", new CallStarted("ana", "apac", 1, true));
        hub.resume("emea", "ana", List.of(new Envelope("call-r", 1, 1, new CallStarted("ana", "emea", 1, true))));
        Recorder anyTeam = new Recorder();
        hub.subscribe("ana", anyTeam);
        assertThat(anyTeam.got).containsExactly(live);
    }
}
