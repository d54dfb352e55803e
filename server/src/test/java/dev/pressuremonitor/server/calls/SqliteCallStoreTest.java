package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteCallStoreTest extends CallStoreContract {
    @TempDir
    Path dir;

    @Override
    CallStore open() {
        return CallStore.open(url());
    }

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("calls.db");
    }

    @Test
    void anEventTheDatabaseRefusesFailsAloneNotTheOthersStoredWithIt() throws Exception {
        // a value the database will not take, whatever the reason: here a trigger refuses one phrase
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url()); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER poison BEFORE INSERT ON alerts WHEN NEW.phrase = 'poison' BEGIN SELECT RAISE(ABORT, 'this phrase is refused'); END");
        }
        int calls = 30;
        for (int i = 0; i < calls; i++) append(run + "-batch-" + i, 1, new CallStarted("rep" + i, "emea", 1000, true));
        List<CompletableFuture<CallStore.Stored>> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String phrase = i == 17 ? "poison" : "just checking in";
            answers.add(store.append(new Envelope(run + "-batch-" + i, 2, 1002,
                    new Alert(Category.CHASE, "chase.x", phrase, Severity.MEDIUM, Speaker.REP, 5, 6, true, R))));
        }
        for (int i = 0; i < calls; i++) {
            if (i == 17) {
                int at = i;
                assertThatThrownBy(() -> answers.get(at).join()).isInstanceOf(CompletionException.class).hasMessageContaining("this phrase is refused");
            } else {
                assertThat(answers.get(i).join()).as("event of call %d", i).isEqualTo(CallStore.Stored.NEW);
                assertThat(store.events(run + "-batch-" + i)).as("call %d", i).hasSize(2);
            }
        }
        assertThat(store.events(run + "-batch-17")).as("the refused event is not stored").hasSize(1);
    }

    /** Calls more than one commit of summaries takes, all ending at once; their call_ended events are all stored. */
    private List<String> endManyCallsAtOnce(int calls) {
        List<String> ids = new ArrayList<>();
        List<CompletableFuture<CallStore.Stored>> stored = new ArrayList<>();
        for (int c = 0; c < calls; c++) {
            String id = run + "-many-" + c;
            ids.add(id);
            stored.add(store.append(new Envelope(id, 1, 1000, new CallStarted("rep" + c, "emea", 1000, true))));
            stored.add(store.append(new Envelope(id, 2, 1002,
                    new Alert(Category.CHASE, "chase.x", "just checking in", Severity.MEDIUM, Speaker.REP, 1, 2, true, R))));
        }
        for (String id : ids) stored.add(store.append(new Envelope(id, 3, 1003, new dev.pressuremonitor.models.CallEnded(3, "hangup"))));
        stored.forEach(CompletableFuture::join);
        return ids;
    }

    private long savedSummaries() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url()); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM calls WHERE call_id LIKE '" + run + "-many-%' AND summary IS NOT NULL")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void moreCallsEndingTogetherThanOneCommitSavesAreAllSummarisedAndAnnounced() throws Exception {
        List<dev.pressuremonitor.models.CallSummary> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        store.onCallEnded(announced::add);
        int calls = Summaries.SAVED_TOGETHER * 2 + 7;
        List<String> ids = endManyCallsAtOnce(calls);
        org.awaitility.Awaitility.await().until(() -> announced.size() >= calls);
        assertThat(announced).extracting(dev.pressuremonitor.models.CallSummary::callId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(savedSummaries()).isEqualTo(calls);
        assertThat(store.summary(ids.get(calls - 1)).orElseThrow().alerts()).hasSize(1);
    }

    @Test
    void closingTheStoreRightAfterManyCallsEndedStillSavesEverySummary() throws Exception {
        int calls = Summaries.SAVED_TOGETHER * 2 + 7;
        endManyCallsAtOnce(calls);
        store.close();
        store = null;
        assertThat(savedSummaries()).isEqualTo(calls);
    }
}
