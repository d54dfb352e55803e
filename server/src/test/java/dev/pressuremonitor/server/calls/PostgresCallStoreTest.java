package dev.pressuremonitor.server.calls;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same contract against a real PostgreSQL server. {@code .ci/run} installs and starts one on loopback and
 * passes its URL in {@code PM_TEST_POSTGRES_URL}; elsewhere set it yourself, e.g.
 * {@code PM_TEST_POSTGRES_URL='jdbc:postgresql://127.0.0.1:5432/pm_test?user=pm&password=pm' mvn -B verify}.
 */
class PostgresCallStoreTest extends CallStoreContract {
    static final String URL = System.getenv("PM_TEST_POSTGRES_URL");

    static final String NEEDS = "needs PostgreSQL: set PM_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/DB?user=U&password=P"
            + " (.ci/run starts one: source .ci/postgres.sh start)";

    @Override
    CallStore open() {
        boolean set = URL != null && !URL.isBlank();
        // in CI PostgreSQL is always there: a missing URL is a broken set-up, not a reason to skip
        if (!set && "true".equalsIgnoreCase(System.getenv("CI"))) throw new IllegalStateException("CI=true, so this test cannot skip: " + NEEDS);
        assumeTrue(set, NEEDS);
        return CallStore.open(URL);
    }

    @Override
    String url() {
        return URL;
    }
}
