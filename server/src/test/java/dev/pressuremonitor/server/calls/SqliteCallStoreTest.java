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
}
