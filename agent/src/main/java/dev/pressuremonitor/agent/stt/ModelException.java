package dev.pressuremonitor.agent.stt;

/** A Vosk model that is missing or cannot be loaded; the message says which command fixes it. */
public class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
