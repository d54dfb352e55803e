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
