package dev.pressuremonitor.server.calls;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed write is reported for what it is, on SQLite and on PostgreSQL alike, until a write succeeds again. */
class WriteHealthTest {

    @Test
    void aFullDiskIsReportedAsSuchOnBothDatabases() {
        WriteHealth h = new WriteHealth();
        h.failed(new SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)"));
        assertThat(h.diskFull()).isTrue();
        assertThat(h.describe()).startsWith("disk full since ").contains("free space");
        h.ok();
        h.failed(new SQLException("ERROR: could not extend file \"base/16384/16385\": No space left on device", "53100"));
        assertThat(h.diskFull()).isTrue();
        assertThat(h.failures(WriteHealth.Reason.DISK_FULL)).isEqualTo(2);
    }

    @Test
    void aLockHeldElsewhereIsBusyNotDiskFull() {
        WriteHealth h = new WriteHealth();
        assertThat(h.failed(new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)"))).isEqualTo(WriteHealth.Reason.BUSY);
        assertThat(h.failed(new SQLException("ERROR: could not obtain lock on row", "55P03"))).isEqualTo(WriteHealth.Reason.BUSY);
        assertThat(h.diskFull()).isFalse();
    }

    @Test
    void theFirstWriteThatGoesThroughClearsTheFault() {
        WriteHealth h = new WriteHealth();
        h.failed(new SQLException("[SQLITE_FULL] database or disk is full"));
        assertThat(h.ok()).as("it was failing").isTrue();
        assertThat(h.describe()).isEqualTo("ok");
        assertThat(h.diskFull()).isFalse();
    }
}
