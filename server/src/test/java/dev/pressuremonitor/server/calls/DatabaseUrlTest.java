package dev.pressuremonitor.server.calls;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Database URLs the store cannot work with are refused at start, saying what to change. */
class DatabaseUrlTest {
    @Test
    void aPostgresUrlThatRewritesBatchesIsRefusedWithTheFix() {
        // nothing is connected to: the URL is refused before, so no PostgreSQL is needed here
        assertThatThrownBy(() -> CallStore.open("jdbc:postgresql://127.0.0.1:1/pm?user=pm&reWriteBatchedInserts=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reWriteBatchedInserts").hasMessageContaining("remove it from the URL");
    }
}
