package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.server.calls.CallStore;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same behaviour on PostgreSQL ({@code source .ci/postgres.sh start} sets PM_TEST_POSTGRES_URL). */
class PostgresMarkingTest extends MarkingContract {
    static final String URL = System.getenv("PM_TEST_POSTGRES_URL");

    @Override
    CallStore open() {
        boolean set = URL != null && !URL.isBlank();
        if (!set && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so this test cannot skip: needs PostgreSQL (PM_TEST_POSTGRES_URL; source .ci/postgres.sh start)");
        }
        assumeTrue(set, "needs PostgreSQL: set PM_TEST_POSTGRES_URL (source .ci/postgres.sh start)");
        return CallStore.open(URL);
    }
}
