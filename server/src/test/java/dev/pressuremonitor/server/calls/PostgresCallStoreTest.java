package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;

import static org.awaitility.Awaitility.await;
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

    /**
     * Two servers on one database: the server that stored the start of a call is sent an event missing from it
     * after the other server stored its call_ended (the rep's agent moved between them). The saved summary takes
     * the late event in, however sure the first server was that the call was still open.
     */
    @org.junit.jupiter.api.Test
    void aGapFilledOnOneServerAfterAnotherEndedTheCallIsInTheSummary() throws Exception {
        String id = run + "-two", rep = "two-" + run;
        try (CallStore other = open()) {
            append(id, 1, new dev.pressuremonitor.models.CallStarted(rep, "emea", 5 * DAY, true));
            append(id, 2, alert(dev.pressuremonitor.models.Category.CHASE));
            Envelope end = new Envelope(id, 4, 1004, new dev.pressuremonitor.models.CallEnded(20, "hangup"));
            org.assertj.core.api.Assertions.assertThat(other.append(end).join()).isEqualTo(CallStore.Stored.NEW);
            await().until(() -> summarySaved(rep));
            org.assertj.core.api.Assertions.assertThat(append(id, 3, alert(dev.pressuremonitor.models.Category.URGENCY))).isTrue();
            await().until(() -> store.summary(id).orElseThrow().alerts().size() == 2);
        }
    }

    /** Several servers started at once on a new database (a fresh schema here) all start, and the schema is made once. */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(60)
    void serversStartedTogetherOnANewDatabaseAllStart() throws Exception {
        String schema = "together_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(URL); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String fresh = URL + "&currentSchema=" + schema;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        java.util.List<java.util.concurrent.Future<CallStore>> starting = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 3; i++) starting.add(pool.submit(() -> {
            go.await();
            return CallStore.open(fresh);
        }));
        go.countDown();
        java.util.List<CallStore> opened = new java.util.ArrayList<>();
        try {
            for (var f : starting) opened.add(f.get(50, java.util.concurrent.TimeUnit.SECONDS));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(fresh); java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT version) FROM schema_version")) {
                r.next();
                org.assertj.core.api.Assertions.assertThat(r.getInt(1)).isEqualTo(Migrations.index().size()).isEqualTo(r.getInt(2));
            }
        } finally {
            opened.forEach(CallStore::close);
            pool.shutdownNow();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(URL); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
