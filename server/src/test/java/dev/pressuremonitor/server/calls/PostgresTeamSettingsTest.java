package dev.pressuremonitor.server.calls;

/** The same contract on PostgreSQL (see {@link PostgresCallStoreTest} for PM_TEST_POSTGRES_URL). */
class PostgresTeamSettingsTest extends TeamSettingsContract {
    @Override
    CallStore open() {
        return new PostgresCallStoreTest().open();
    }
}
