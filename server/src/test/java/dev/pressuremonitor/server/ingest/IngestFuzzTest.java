package dev.pressuremonitor.server.ingest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.pressuremonitor.models.AgentReply;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.overlay.OverlayHub;
import dev.pressuremonitor.server.team.TeamMetrics;
import org.junit.jupiter.api.AfterAll;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the event decoder and ingest (Jazzer). Every build fuzzes for a bounded time
 * starting from a corpus of valid events (IngestFuzzTestInputs); with {@code -Dfuzz=0} it only replays the corpus.
 * The properties: nothing throws, an event is acknowledged only if it decodes as a valid event, and a valid
 * call_started for a call not seen before is acknowledged (a server that refuses everything fails).
 */
class IngestFuzzTest {
    static final CallStore STORE = CallStore.temporary();
    // no open-call limits here: every valid new call must be taken
    static final IngestService INGEST = new IngestService(new OverlayHub(), STORE, new TeamMetrics(false),
            new dev.pressuremonitor.server.ServerConfig.Limits(4, 200, Integer.MAX_VALUE, Integer.MAX_VALUE));
    /** Call ids this run has seen in any event that decoded; a call_started for any other id must be taken. */
    static final java.util.Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterAll
    static void close() {
        STORE.close();
    }

    @FuzzTest(maxDuration = "20s")
    void ingestNeverCrashesAndAcceptsOnlyValidEvents(FuzzedDataProvider data) throws Exception {
        check(data.consumeRemainingAsString());
    }

    /**
     * The same, for longer, on demand only:
     * {@code mvn -B -pl server -am test -Dtest=IngestFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=long-fuzz -Dfuzz.excluded=}
     */
    @FuzzTest(maxDuration = "15m")
    @org.junit.jupiter.api.Tag("long-fuzz")
    void ingestNeverCrashesAndAcceptsOnlyValidEventsLongRun(FuzzedDataProvider data) throws Exception {
        check(data.consumeRemainingAsString());
    }

    private static void check(String text) throws Exception {
        Envelope valid;
        try {
            valid = EventCodec.decode(text);
        } catch (DecodeException e) {
            valid = null;
        }
        boolean firstOfItsCall = valid != null && SEEN.add(valid.callId());
        AgentReply reply = INGEST.ingest(text).get();
        assertThat(reply).isNotNull();
        if (firstOfItsCall && valid.data() instanceof dev.pressuremonitor.models.CallStarted) {
            assertThat(reply.isAck()).as("a valid call_started for a new call is taken: %s -> %s", text, reply).isTrue();
        }
        if (valid == null) assertThat(reply.isAck()).as("acknowledged something that does not decode: %s", text).isFalse();
        if (reply.isAck()) {
            Envelope decoded;
            try {
                decoded = EventCodec.decode(text);
            } catch (DecodeException e) {
                throw new AssertionError("acknowledged an event that does not decode: " + text, e);
            }
            assertThat(decoded.callId()).isEqualTo(reply.callId());
            assertThat(decoded.seq()).isEqualTo(reply.seq());
        } else {
            assertThat(reply.message()).isNotBlank();
        }
    }
}
