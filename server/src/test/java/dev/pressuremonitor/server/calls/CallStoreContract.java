package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallEnded;
import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.MetricsSnapshot;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TeamReport;
import dev.pressuremonitor.models.TranscriptSegment;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The call store's behaviour, run against each database it supports. */
abstract class CallStoreContract {
    static final Reframe R = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");
    static final long DAY = 86_400_000L;

    CallStore store;
    /** Ids are unique per run, so a shared PostgreSQL database needs no cleaning between tests. */
    final String run = UUID.randomUUID().toString().substring(0, 8);

    abstract CallStore open();

    /** The JDBC URL of the database {@link #open()} opens, for tests that reach under the store. */
    abstract String url();

    /** What a crash between acknowledging a call's call_ended and saving its summary leaves behind. */
    void loseSummary(String callId) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url());
             java.sql.PreparedStatement p = c.prepareStatement("UPDATE calls SET ended_at = NULL, duration_s = NULL, pressure_score = NULL, "
                     + "talk_share = NULL, summary = NULL WHERE call_id = ?")) {
            p.setString(1, callId);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    boolean summarySaved(String rep) throws Exception {
        List<CallRow> rows = store.list(new CallFilter(rep, null, null, null, 10));
        return rows.size() == 1 && rows.get(0).endedAt() != null;
    }

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    boolean append(String callId, long seq, Event e) {
        return store(callId, seq, e) == CallStore.Stored.NEW;
    }

    CallStore.Stored store(String callId, long seq, Event e) {
        Envelope env = new Envelope(callId, seq, 1000 + seq, e);
        return store.append(env).join();
    }

    /** A complete call: start, one alert of {@code category}, metrics, end. */
    void call(String callId, String rep, String team, long startedAt, Category category, int gauge, double talkShare) {
        append(callId, 1, new CallStarted(rep, team, startedAt, true));
        append(callId, 2, new Alert(category, category.name().toLowerCase() + ".x", "words", Severity.MEDIUM, Speaker.REP, 5, 6, true, R));
        append(callId, 3, new MetricsSnapshot(10, talkShare, 0, 4, 0, 130, 1, 0, 0, null, gauge, List.of()));
        append(callId, 4, new CallEnded(10, "hangup"));
    }

    static Alert alert(Category category) {
        return new Alert(category, category.name().toLowerCase() + ".x", "words", Severity.MEDIUM, Speaker.REP, 5, 6, true, R);
    }

    @Test
    void storesEachEventExactlyOnceWhateverIsResent() throws Exception {
        String id = run + "-once";
        assertThat(append(id, 1, new CallStarted("ana", "emea", 1000, true))).isTrue();
        assertThat(append(id, 2, new CallEnded(3, "hangup"))).isTrue();
        assertThat(append(id, 1, new CallStarted("ana", "emea", 1000, true))).isFalse();
        assertThat(append(id, 2, new CallEnded(3, "hangup"))).isFalse();
        assertThat(store.events(id)).extracting(Envelope::seq).containsExactly(1L, 2L);
    }

    @Test
    void aSeqReusedForADifferentEventIsAConflictAndChangesNothing() throws Exception {
        String id = run + "-conflict";
        store(id, 1, new CallStarted("ana", "emea", 1000, true));
        assertThat(store(id, 1, new CallStarted("ana", "emea", 1000, true))).isEqualTo(CallStore.Stored.DUPLICATE);
        assertThat(store(id, 1, new CallEnded(3, "hangup"))).isEqualTo(CallStore.Stored.CONFLICT);
        assertThat(store.events(id)).extracting(Envelope::data).containsExactly(new CallStarted("ana", "emea", 1000, true));
    }

    /** The event as an agent that spaces its JSON sends it, decoded as the server decodes what arrives. */
    static dev.pressuremonitor.models.EventCodec.Decoded arrivedWithSpaces(String callId, long seq, Event e) throws Exception {
        String spaced = EventCodec.encode(new Envelope(callId, seq, 1000 + seq, e)).replace(",\"", ", \"").replace("\":", "\": ");
        dev.pressuremonitor.models.EventCodec.Decoded d = EventCodec.decodeKeepingPayload(spaced);
        assertThat(d.payload()).as("the payload is kept as it arrived").contains(", \"");
        return d;
    }

    @Test
    void eachEventOfABusyMomentGetsItsOwnAnswer() throws Exception {
        // many calls' events in flight at once, as the writer takes them in batches: new ones, resends and reused
        // seqs mixed, each answered for itself whatever order the batch is written in
        int calls = 40;
        for (int c = 0; c < calls; c++) append(run + "-busy-" + c, 1, new CallStarted("rep" + c, "emea", 1000, true));
        for (int c = 0; c < calls; c++) append(run + "-busy-" + c, 2, alert(Category.CHASE));
        java.util.Map<String, java.util.concurrent.CompletableFuture<CallStore.Stored>> answers = new java.util.LinkedHashMap<>();
        java.util.Map<String, CallStore.Stored> expected = new java.util.HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int c = calls - 1; c >= 0; c--) {
                String id = run + "-busy-" + c;
                Envelope e = switch ((c + round) % 3) {
                    case 0 -> new Envelope(id, 2, 1002, alert(Category.CHASE)); // a resend
                    case 1 -> new Envelope(id, 2, 1002, alert(Category.URGENCY)); // seq 2 reused for another event
                    default -> new Envelope(id, 10 + round, 1010, alert(Category.PITCH)); // new
                };
                String key = id + "#" + e.seq() + "#" + round;
                expected.put(key, switch ((c + round) % 3) {
                    case 0 -> CallStore.Stored.DUPLICATE;
                    case 1 -> CallStore.Stored.CONFLICT;
                    default -> CallStore.Stored.NEW;
                });
                answers.put(key, store.append(e));
            }
        }
        for (var a : answers.entrySet()) assertThat(a.getValue().join()).as(a.getKey()).isEqualTo(expected.get(a.getKey()));
        for (int c = 0; c < calls; c++) {
            assertThat(store.events(run + "-busy-" + c)).extracting(Envelope::data).as("call %d", c)
                    .containsExactly(new CallStarted("rep" + c, "emea", 1000, true), alert(Category.CHASE), alert(Category.PITCH));
        }
    }

    @Test
    void anEventKeptAsItArrivedIsStoredOnceWhicheverWayItsResendIsSpelt() throws Exception {
        String id = run + "-as-arrived";
        Alert nudge = alert(Category.CHASE);
        append(id, 1, new CallStarted("ana", "emea", 1000, true));
        assertThat(store.append(arrivedWithSpaces(id, 2, nudge)).join()).isEqualTo(CallStore.Stored.NEW);
        assertThat(store.append(arrivedWithSpaces(id, 2, nudge)).join()).isEqualTo(CallStore.Stored.DUPLICATE);
        assertThat(store(id, 2, nudge)).as("the same event, spelt as our agent spells it").isEqualTo(CallStore.Stored.DUPLICATE);
        assertThat(store.events(id)).extracting(Envelope::data).containsExactly(new CallStarted("ana", "emea", 1000, true), nudge);
    }

    @Test
    void anEventTakenFromItsFramesBytesIsStoredAsExactlyItsPayloadsText() throws Exception {
        String id = run + "-from-frame";
        append(id, 1, new CallStarted("ana", "emea", 1000, true));
        Alert accents = new Alert(Category.CHASE, "chase.x", "ça suffit — 日本 😀, \"quoted\"", Severity.HIGH, Speaker.REP, 1, 2, true, R);
        String spaced = EventCodec.encode(new Envelope(id, 2, 1002, accents)).replace(",\"", ", \"").replace("\":", "\": ");
        byte[] frame = spaced.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        dev.pressuremonitor.models.EventCodec.Decoded d = EventCodec.decodeKeepingPayload(frame);
        assertThat(d.payloadFrom()).as("the payload lies inside the frame").isPositive();
        assertThat(store.append(d).join()).isEqualTo(CallStore.Stored.NEW);
        assertThat(store.append(EventCodec.decodeKeepingPayload(frame)).join()).isEqualTo(CallStore.Stored.DUPLICATE);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url());
             java.sql.PreparedStatement p = c.prepareStatement("SELECT data FROM events WHERE call_id = ? AND seq = 2")) {
            p.setString(1, id);
            try (java.sql.ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).as("the payload's text, cut from the frame as it arrived")
                        .isEqualTo(spaced.substring(spaced.indexOf("\"data\": ") + 8, spaced.length() - 1));
            }
        }
        assertThat(store.events(id)).extracting(Envelope::data).containsExactly(new CallStarted("ana", "emea", 1000, true), accents);
    }

    @Test
    void aSeqReusedForADifferentEventSpeltAnotherWayIsStillAConflict() throws Exception {
        String id = run + "-as-arrived-conflict";
        append(id, 1, new CallStarted("ana", "emea", 1000, true));
        append(id, 2, alert(Category.CHASE));
        assertThat(store.append(arrivedWithSpaces(id, 2, alert(Category.URGENCY))).join()).isEqualTo(CallStore.Stored.CONFLICT);
        assertThat(store.events(id)).extracting(Envelope::data).containsExactly(new CallStarted("ana", "emea", 1000, true), alert(Category.CHASE));
    }

    @Test
    void readsBackEveryEventAsItWasSent() throws Exception {
        String id = run + "-roundtrip";
        List<Event> sent = List.of(new CallStarted("ana", "emea", 1000, true),
                new TranscriptSegment(Speaker.REP, true, List.of(new Word("hi", 0.5, 0.8, 0.9))),
                new Alert(Category.CHASE, "chase.x", "just checking in", Severity.HIGH, Speaker.REP, 1, 2, true, R),
                new MetricsSnapshot(3, 0.6, 1, 2, 0.5, 120, 1, 2, 0, 0.8, 44, List.of("pace-fast")),
                new CallEnded(4, "hangup"));
        for (int i = 0; i < sent.size(); i++) append(id, i + 1, sent.get(i));
        assertThat(store.events(id)).extracting(Envelope::data).containsExactlyElementsOf(sent);
    }

    @Test
    void anEndedCallHasItsSummaryStoredAndListed() throws Exception {
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        String id = run + "-ended";
        call(id, "ana-" + run, "emea", 5 * DAY, Category.CHASE, 40, 0.6);
        await().until(() -> !ended.isEmpty());
        CallSummary s = store.summary(id).orElseThrow();
        assertThat(s.ended()).isTrue();
        assertThat(s.pressureScore()).isEqualTo(40);
        assertThat(ended.get(0)).isEqualTo(s);
        List<CallRow> rows = store.list(new CallFilter("ana-" + run, null, null, null, 10));
        assertThat(rows).containsExactly(new CallRow(id, "ana-" + run, "emea", 5 * DAY, 5 * DAY + 10_000, 10.0, 40, 0.6));
    }

    @Test
    void callsEndingTogetherEachHaveTheirOwnSummary() throws Exception {
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        int calls = 30;
        for (int c = 0; c < calls; c++) {
            String id = run + "-together-" + c;
            append(id, 1, new CallStarted("rep" + c + "-" + run, "emea", 5 * DAY, true));
            for (int a = 0; a < c % 4; a++) append(id, 2 + a, alert(Category.CHASE));
            store.append(new Envelope(id, 10, 1010, new MetricsSnapshot(10, 0.5, 0, 4, 0, 130, 1, 0, 0, null, c, List.of())));
        }
        // every call_ended in flight at once, so their summaries are made and saved together
        List<java.util.concurrent.CompletableFuture<CallStore.Stored>> ends = new java.util.ArrayList<>();
        for (int c = 0; c < calls; c++) ends.add(store.append(new Envelope(run + "-together-" + c, 11, 1011, new CallEnded(10 + c, "hangup"))));
        ends.forEach(java.util.concurrent.CompletableFuture::join);
        await().until(() -> ended.size() == calls);
        assertThat(ended).extracting(CallSummary::callId).doesNotHaveDuplicates();
        for (int c = 0; c < calls; c++) {
            CallSummary s = store.summary(run + "-together-" + c).orElseThrow();
            assertThat(s.ended()).as("call %d", c).isTrue();
            assertThat(s.duration()).as("call %d", c).isEqualTo(10.0 + c);
            assertThat(s.pressureScore()).as("call %d", c).isEqualTo(c);
            assertThat(s.alerts()).as("call %d's alerts", c).hasSize(c % 4);
            assertThat(store.list(new CallFilter("rep" + c + "-" + run, null, null, null, 10))).singleElement()
                    .extracting(CallRow::pressureScore).isEqualTo(c);
        }
    }

    @Test
    void theSummarySavedAtACallsEndIsTheOneItsStoredEventsMake() throws Exception {
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        String id = run + "-same", rep = "same-" + run;
        append(id, 1, new CallStarted(rep, "emea", 5 * DAY, true));
        // out of order, resent, every kind of event a summary reads, and alerts that repeat their words
        append(id, 5, new MetricsSnapshot(40, 0.7, 0, 12, 3, 150, 2, 1, 0, 1.5, 55, List.of()));
        append(id, 3, new Alert(Category.CHASE, "chase.x", "just checking in", Severity.MEDIUM, Speaker.REP, 20, 21, true, R));
        append(id, 2, new MetricsSnapshot(10, 0.5, 0, 4, 0, 130, 1, 0, 0, null, 20, List.of()));
        append(id, 4, new Alert(Category.CHASE, "chase.x", "just checking in", Severity.HIGH, Speaker.REP, 30, 31, true, R));
        append(id, 4, new Alert(Category.CHASE, "chase.x", "just checking in", Severity.HIGH, Speaker.REP, 30, 31, true, R));
        append(id, 6, new dev.pressuremonitor.models.TrustSignal("trust.open-question", "what made you", 45, 46));
        append(id, 7, new Alert(Category.URGENCY, "urgency.x", "only until friday", Severity.LOW, Speaker.REP, 50, 51, false, R));
        append(id, 8, new MetricsSnapshot(60, 0.8, 0, 12, 3, 150, 2, 1, 0, 2.5, 70, List.of("long monologue")));
        append(id, 9, new TranscriptSegment(Speaker.REP, true, List.of(new Word("right", 61, 61.3, 0.9))));
        append(id, 10, new CallEnded(65, "hangup"));
        await().until(() -> !ended.isEmpty());
        CallSummary saved = store.summary(id).orElseThrow();
        assertThat(saved.alerts()).hasSize(3);
        assertThat(saved.trustSignals()).hasSize(1);
        assertThat(saved).isEqualTo(store.summarize(id)).isEqualTo(ended.get(0));
        assertThat(store.summariesFromMemory()).as("made from the events kept as they were stored").isEqualTo(1);
    }

    @Test
    void aCallAnotherServerStoredEventsOfHasThemAllInItsSummary() throws Exception {
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        String id = run + "-shared", rep = "shared-" + run;
        append(id, 1, new CallStarted(rep, "emea", 5 * DAY, true));
        append(id, 2, alert(Category.CHASE));
        // this server died for a while: its rep's agent sent the next events to another server on the same database
        try (CallStore other = CallStore.open(url())) {
            other.append(new Envelope(id, 3, 1003, alert(Category.URGENCY))).join();
            other.append(new Envelope(id, 4, 1004, alert(Category.PITCH))).join();
        }
        append(id, 5, new CallEnded(20, "hangup"));
        await().until(() -> !ended.isEmpty());
        assertThat(store.summary(id).orElseThrow().alerts()).extracting(CallSummary.AlertMoment::category)
                .containsExactly(Category.CHASE, Category.URGENCY, Category.PITCH);
        assertThat(store.summariesFromMemory()).as("read back: this server stored only some of the call").isZero();
    }

    @Test
    void aCallInProgressIsSummarisedOnDemand() throws Exception {
        String id = run + "-live";
        append(id, 1, new CallStarted("ana", "", 1000, false));
        append(id, 2, new MetricsSnapshot(7, null, 0, 1, 0, 0, 0, 0, 0, null, 12, List.of()));
        CallSummary s = store.summary(id).orElseThrow();
        assertThat(s.ended()).isFalse();
        assertThat(s.duration()).isEqualTo(7.0);
        assertThat(store.summary(run + "-nope")).isEmpty();
    }

    @Test
    void listsCallsByRepTeamAndTime() throws Exception {
        String rep = "rep-" + run, team = "team-" + run;
        call(run + "-a", rep, team, 10 * DAY, Category.PITCH, 10, 0.5);
        call(run + "-b", rep, team, 11 * DAY, Category.PITCH, 20, 0.5);
        call(run + "-c", "other-" + run, team, 11 * DAY, Category.PITCH, 30, 0.5);
        assertThat(store.list(new CallFilter(rep, null, null, null, 10))).extracting(CallRow::callId).containsExactly(run + "-b", run + "-a");
        assertThat(store.list(new CallFilter(null, team, 11 * DAY, 12 * DAY, 10))).extracting(CallRow::callId).containsExactlyInAnyOrder(run + "-b", run + "-c");
        assertThat(store.list(new CallFilter(null, team, null, null, 1))).hasSize(1);
    }

    @Test
    void reportsTheTeamPerRepWithTheTrendAgainstThePeriodBefore() throws Exception {
        String team = "team-" + run, ana = "ana-" + run, ben = "ben-" + run;
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        call(run + "-1", ana, team, 100 * DAY + 1, Category.CHASE, 60, 0.7);   // previous week
        call(run + "-2", ana, team, 107 * DAY + 1, Category.CHASE, 40, 0.5);   // this week
        call(run + "-3", ana, team, 108 * DAY + 1, Category.CLOSE, 20, 0.3);
        call(run + "-4", ben, team, 108 * DAY + 1, Category.CLOSE, 50, 0.6);
        await().until(() -> ended.size() == 4);
        TeamReport r = store.team(team, 107 * DAY, 114 * DAY);
        assertThat(r.reps()).extracting(TeamReport.RepStats::rep).containsExactly(ana, ben);
        TeamReport.RepStats a = r.reps().get(0);
        assertThat(a.calls()).isEqualTo(2);
        assertThat(a.avgPressureScore()).isEqualTo(30.0);
        assertThat(a.avgTalkShare()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.previousCalls()).isEqualTo(1);
        assertThat(a.previousAvgPressureScore()).isEqualTo(60.0);
        assertThat(a.pressureTrend()).isEqualTo(-30.0);
        assertThat(a.alertsPerCall()).extracting(TeamReport.CategoryRate::perCall).containsExactly(0.0, 0.5, 0.0, 0.5, 0.0, 0.0);
        assertThat(r.reps().get(1).pressureTrend()).isNull();
        assertThat(r.total().calls()).isEqualTo(3);
        assertThat(r.total().avgPressureScore()).isCloseTo(36.666, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void retentionDeletesOldEndedCallsAndTheirEvents() throws Exception {
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        call(run + "-old", "r-" + run, "", 1 * DAY, Category.PITCH, 10, 0.5);
        call(run + "-new", "r-" + run, "", 50 * DAY, Category.PITCH, 10, 0.5);
        await().until(() -> ended.size() == 2);
        store.deleteEndedBefore(10 * DAY);
        assertThat(store.list(new CallFilter("r-" + run, null, null, null, 10))).extracting(CallRow::callId).containsExactly(run + "-new");
        assertThat(store.events(run + "-old")).isEmpty();
    }

    @Test
    void knowsWhereACallStoodAfterAReopen() throws Exception {
        String id = run + "-state";
        append(id, 1, new CallStarted("ana", "emea", 1000, true));
        append(id, 2, new MetricsSnapshot(1, 0.5, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of()));
        store.close();
        store = open();
        CallStore.CallState s = store.callState(id).orElseThrow();
        assertThat(s).isEqualTo(new CallStore.CallState("ana", "emea", 1000, 2, 0));
    }

    @Test
    void aCallACrashLeftWithoutItsSummaryIsFinishedWhenTheStoreOpens() throws Exception {
        String id = run + "-crashed", rep = "crash-" + run;
        call(id, rep, "emea", 5 * DAY, Category.CHASE, 40, 0.6);
        await().until(() -> summarySaved(rep));
        store.close();
        loseSummary(id);
        store = open();
        await().until(() -> summarySaved(rep));
        assertThat(store.summary(id).orElseThrow().pressureScore()).isEqualTo(40);
    }

    @Test
    void resendingCallEndedFinishesACallThatHasNoSummary() throws Exception {
        String id = run + "-resent", rep = "resent-" + run;
        call(id, rep, "emea", 5 * DAY, Category.CHASE, 40, 0.6);
        await().until(() -> summarySaved(rep));
        loseSummary(id);
        assertThat(store(id, 4, new CallEnded(10, "hangup"))).isEqualTo(CallStore.Stored.DUPLICATE);
        await().until(() -> summarySaved(rep));
    }

    @Test
    void anEventThatFillsAGapAfterTheCallEndedIsInItsSummaryToo() throws Exception {
        List<CallSummary> ended = new CopyOnWriteArrayList<>();
        store.onCallEnded(ended::add);
        String id = run + "-gap", rep = "gap-" + run;
        append(id, 1, new CallStarted(rep, "emea", 5 * DAY, true));
        append(id, 2, new Alert(Category.CHASE, "chase.x", "just checking in", Severity.MEDIUM, Speaker.REP, 5, 6, true, R));
        append(id, 4, new CallEnded(20, "hangup"));
        await().until(() -> summarySaved(rep));
        assertThat(append(id, 3, new Alert(Category.URGENCY, "urgency.x", "expires friday", Severity.HIGH, Speaker.REP, 9, 10, true, R))).isTrue();
        await().until(() -> store.summary(id).orElseThrow().alerts().size() == 2);
        // the summary and the alerts table (what the team page counts) agree
        TeamReport.RepStats stats = store.team("emea", 5 * DAY - 1, 5 * DAY + 1).reps().stream().filter(r -> r.rep().equals(rep)).findFirst().orElseThrow();
        assertThat(stats.alertsPerCall()).filteredOn(c -> c.category() == Category.URGENCY).singleElement()
                .satisfies(c -> assertThat(c.perCall()).isEqualTo(1.0));
        assertThat(ended).as("the call ended once").hasSize(1);
    }

    @Test
    void summarisingAnEndedCallDoesNotHoldUpOtherCallsEvents() throws Exception {
        java.util.concurrent.CountDownLatch summarising = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        store.onCallEnded(s -> {
            summarising.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            call(run + "-big", "big-" + run, "emea", 5 * DAY, Category.PITCH, 10, 0.5);
            assertThat(summarising.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // the summary is still being made: another call's event is stored and acknowledged all the same
            Envelope other = new Envelope(run + "-other", 1, 1, new CallStarted("ben", "emea", 1000, false));
            assertThat(store.append(other).get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(CallStore.Stored.NEW);
        } finally {
            release.countDown();
        }
    }
}
