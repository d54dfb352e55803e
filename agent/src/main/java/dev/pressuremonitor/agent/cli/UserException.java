package dev.pressuremonitor.agent.cli;

/** A problem with what the user gave us (a file, a flag); the message says what to do about it. */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}
