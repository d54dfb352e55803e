package dev.pressuremonitor.server.calls;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteCallStoreTest extends CallStoreContract {
    @TempDir
    Path dir;

    @Override
    CallStore open() {
        return CallStore.open(url());
    }

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("calls.db");
    }
}
