package dev.pressuremonitor.models;

/** Input that is not a valid event; the message says which field is wrong and how. */
public class DecodeException extends Exception {
    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
