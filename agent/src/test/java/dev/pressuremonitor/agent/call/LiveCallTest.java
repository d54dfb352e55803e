package dev.pressuremonitor.agent.call;

import dev.pressuremonitor.agent.detect.AlertPolicy;
import dev.pressuremonitor.agent.detect.Detector;
import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.agent.detect.RuleEngine;
import dev.pressuremonitor.agent.detect.RulePackLoader;
import dev.pressuremonitor.agent.detect.TextTokenizer;
import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveCallTest {
    static final RuleEngine ENGINE = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());

    private final List<Envelope> sent = new ArrayList<>();

    private LiveCall call(boolean sendTranscript) {
        Detector d = new Detector(ENGINE, AlertPolicy.defaults(), MetricsThresholds.research(), true);
        return new LiveCall("call-1", "ana", "emea", d, true, sendTranscript, sent::add, () -> 1_000L);
    }

    private static TranscriptSegment rep(String text, double at) {
        return new TranscriptSegment(Speaker.REP, true, TextTokenizer.words(text, at));
    }

    @Test
    void numbersEveryEventOfTheCallFromOne() {
        LiveCall c = call(false);
        c.accept(rep("just checking in on the proposal", 1));
        c.end("hangup");
        assertThat(sent).extracting(Envelope::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sent).extracting(e -> e.data().getClass().getSimpleName())
                .containsExactly("CallStarted", "Alert", "MetricsSnapshot", "MetricsSnapshot", "CallEnded");
        assertThat(sent).allMatch(e -> e.callId().equals("call-1"));
        assertThat(((CallStarted) sent.get(0).data()).rep()).isEqualTo("ana");
        assertThat(((Alert) sent.get(1).data()).phrase()).isEqualTo("just checking in");
        assertThat(((CallEnded) sent.get(4).data()).reason()).isEqualTo("hangup");
    }

    @Test
    void keepsTheWordsOnThisMachineUnlessAskedToSendThem() {
        LiveCall quiet = call(false);
        quiet.accept(rep("tell me about your week", 1));
        assertThat(sent).noneMatch(e -> e.data() instanceof TranscriptSegment);
        sent.clear();
        LiveCall chatty = call(true);
        chatty.accept(rep("tell me about your week", 1));
        assertThat(sent).anyMatch(e -> e.data() instanceof TranscriptSegment);
    }

    @Test
    void sendsMetricsAtMostOncePerSecondOfCallUnlessSomethingHappened() {
        LiveCall c = call(false);
        c.accept(rep("so", 1.0));
        c.accept(rep("okay", 1.5));
        c.accept(rep("right", 2.2));
        assertThat(sent.stream().filter(e -> e.data() instanceof MetricsSnapshot).count()).isEqualTo(2);
    }
}
