package dev.pressuremonitor.server.calls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQLite file of a server: private, never silently replaced, and every acknowledged commit on disk. */
class DatabaseFileTest {
    @TempDir
    Path dir;

    @Test
    void theDataFolderAndDatabaseFilesAreReadableByTheirOwnerOnly() throws Exception {
        Path data = dir.resolve("data");
        try (CallStore store = CallStore.open("jdbc:sqlite:" + data.resolve("calls.db"))) {
            store.createToken(dev.pressuremonitor.server.access.Principal.Kind.AGENT, "ana", "emea");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            for (String f : List.of("calls.db", "calls.db-wal", "calls.db-shm")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(f)))).as(f).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingWorldReadableDatabaseIsMadePrivate() throws Exception {
        Path db = dir.resolve("calls.db");
        CallStore.open("jdbc:sqlite:" + db).close();
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        CallStore.open("jdbc:sqlite:" + db).close();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
    }

    @Test
    void anEmptyDatabaseFileIsRefusedNotMadeANewDatabase() throws Exception {
        Path db = Files.createFile(dir.resolve("calls.db"));
        assertThatThrownBy(() -> CallStore.open("jdbc:sqlite:" + db))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty (0 bytes)").hasMessageContaining("restore it from a backup");
        assertThat(Files.size(db)).as("left as it was").isZero();
    }

    @Test
    void everyConnectionCommitsToDiskBeforeAcknowledging() throws Exception {
        assertThat(synchronousOfEveryConnection("jdbc:sqlite:" + dir.resolve("calls.db"))).as("2 = FULL").containsOnly(2);
    }

    @Test
    void aUrlThatAsksForSynchronousNormalGetsItOnEveryConnection() throws Exception {
        assertThat(synchronousOfEveryConnection("jdbc:sqlite:" + dir.resolve("calls.db") + "?synchronous=NORMAL")).as("1 = NORMAL").containsOnly(1);
        assertThat(dir.resolve("calls.db")).as("the file is named without the setting").exists();
    }

    /**
     * Every connection waits out another's lock for the server's lock timeout, and leaves the write-ahead log to grow
     * to {@link Database#WAL_CHECKPOINT_PAGES} pages before copying it back (not SQLite's 1,000).
     */
    @Test
    void everyConnectionWaitsOutLocksAndCheckpointsTheLogRarely() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("calls.db");
        assertThat(pragmaOfEveryConnection(url, "busy_timeout")).containsOnly((int) Database.LOCK_TIMEOUT_MS);
        assertThat(pragmaOfEveryConnection(url, "wal_autocheckpoint")).containsOnly(10_000);
    }

    /** PRAGMA synchronous as each of the pool's four connections reads it. */
    static List<Integer> synchronousOfEveryConnection(String url) throws Exception {
        return pragmaOfEveryConnection(url, "synchronous");
    }

    /** A PRAGMA's value as each of the pool's four connections reads it. */
    static List<Integer> pragmaOfEveryConnection(String url, String pragma) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (Database db = Database.open(url, null)) {
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) all.add(db.connection());
                for (Connection c : all) {
                    try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + pragma)) {
                        r.next();
                        out.add(r.getInt(1));
                    }
                }
            } finally {
                for (Connection c : all) c.close();
            }
        }
        assertThat(out).hasSize(4);
        return out;
    }
}
