package dev.pressuremonitor.server.calls;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteTeamSettingsTest extends TeamSettingsContract {
    @TempDir
    Path dir;

    @Override
    CallStore open() {
        return CallStore.open("jdbc:sqlite:" + dir.resolve("calls.db"));
    }
}
