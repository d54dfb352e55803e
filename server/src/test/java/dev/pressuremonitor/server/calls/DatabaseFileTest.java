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
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("calls.db"), null)) {
            List<Connection> all = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) all.add(db.connection());
                for (Connection c : all) {
                    try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA synchronous")) {
                        r.next();
                        assertThat(r.getInt(1)).as("2 = FULL").isEqualTo(2);
                    }
                }
            } finally {
                for (Connection c : all) c.close();
            }
        }
    }
}
