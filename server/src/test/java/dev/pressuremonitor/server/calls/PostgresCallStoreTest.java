package dev.pressuremonitor.server.calls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same contract against a real PostgreSQL server. {@code .ci/run} installs and starts one on loopback and
 * passes its URL in {@code PM_TEST_POSTGRES_URL}; elsewhere set it yourself, e.g.
 * {@code PM_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/pm_test?user=pm&password=pm' mvn -B verify}.
 */
class PostgresCallStoreTest extends CallStoreContract {
    static final String URL = System.getenv("PM_TEST_POSTGRES_URL");

    @Override
    CallStore open() {
        assumeTrue(URL != null && !URL.isBlank(),
                "needs PostgreSQL: set PM_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/DB?user=U&password=P (.ci/run starts one)");
        return CallStore.open(URL);
    }
}
