package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.server.calls.CallStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteMarkingTest extends MarkingContract {
    @TempDir
    Path dir;

    @Override
    CallStore open() {
        return CallStore.open("jdbc:sqlite:" + dir.resolve("calls.db"));
    }
}
