package dev.pressuremonitor.agent.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rep's name, asked once by {@code run} at a terminal and remembered in ~/.pressure-monitor/rep, so reports
 * say "ana", not the login name. Nothing is asked or written without a terminal (scripts, tests, services).
 */
final class RepName {
    private RepName() {}

    static Path file() {
        return Path.of(System.getProperty("user.home"), ".pressure-monitor", "rep");
    }

    static Optional<String> remembered() {
        try {
            String name = Files.readString(file(), StandardCharsets.UTF_8).trim();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** For {@code run}: the given name, else the remembered one, else asked at the terminal (and remembered). */
    static void settle(CallOptions call) {
        Console console = System.console();
        if (call.rep != null) {
            if (console != null && !remembered().equals(Optional.of(call.rep))) remember(call.rep);
            return;
        }
        Optional<String> known = remembered();
        if (known.isPresent() || console == null) return;
        String typed = console.readLine("Your name, as your reports will show it (letters, digits, '.', '_' or '-'; --rep changes it): ");
        if (typed != null && typed.trim().matches("[A-Za-z0-9._-]{1,64}")) {
            call.rep = typed.trim();
            remember(call.rep);
        }
    }

    private static void remember(String name) {
        try {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), name + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("pressure-monitor: could not remember your name in " + file() + " (" + e.getMessage() + "); pass --rep each time");
        }
    }
}
