package dev.pressuremonitor.agent.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rep's name, asked once by {@code run} at a terminal and remembered in ~/.pressure-monitor/rep, so reports
 * say "ana", not the login name. Nothing is asked or written without a terminal (scripts, tests, services).
 */
final class RepName {
    static final String VALID = "[A-Za-z0-9._-]{1,64}";
    static final int TRIES = 3;

    /** Asks one question at the terminal; null when there is no terminal or its input ended. */
    interface Prompt {
        String ask(String question);
    }

    private RepName() {}

    static Path file() {
        return file(Path.of(System.getProperty("user.home")));
    }

    static Path file(Path home) {
        return home.resolve(".pressure-monitor").resolve("rep");
    }

    static Optional<String> remembered() {
        return remembered(file());
    }

    static Optional<String> remembered(Path file) {
        try {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            return name.isEmpty() ? Optional.empty() : Optional.of(name);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** For {@code run}: the given name, else the remembered one, else asked at the terminal (and remembered). */
    static void settle(CallOptions call) {
        Console console = System.console();
        settle(call, console == null ? null : console::readLine, file(), new PrintWriter(System.err, true));
    }

    /** @param prompt null without a terminal: then nothing is asked and nothing written */
    static void settle(CallOptions call, Prompt prompt, Path file, PrintWriter err) {
        if (call.rep != null) {
            if (prompt != null && !remembered(file).equals(Optional.of(call.rep))) remember(call.rep, file, err);
            return;
        }
        if (remembered(file).isPresent() || prompt == null) return;
        String question = "Your name, as your reports will show it (letters, digits, '.', '_' or '-'; --rep changes it): ";
        for (int i = 0; i < TRIES; i++) {
            String typed = prompt.ask(question);
            if (typed == null) return;
            if (typed.trim().matches(VALID)) {
                call.rep = typed.trim();
                remember(call.rep, file, err);
                return;
            }
            question = "'" + typed.trim() + "' will not do: use 1 to 64 letters, digits, '.', '_' or '-' (e.g. ana or ana.lopez): ";
        }
        err.println("pressure-monitor: no name given; reports will say '" + call.repName() + "' (pass --rep NAME to set it)");
    }

    private static void remember(String name, Path file, PrintWriter err) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, name + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("pressure-monitor: could not remember your name in " + file + " (" + e.getMessage() + "); pass --rep each time");
        }
    }
}
