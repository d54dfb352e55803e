package dev.pressuremonitor.models;

/** Input that is not a valid event; the message says which field is wrong and how. */
public class DecodeException extends Exception {
    private final int line;

    public DecodeException(String message) {
        this(message, null, -1);
    }

    public DecodeException(String message, Throwable cause) {
        this(message, cause, -1);
    }

    /** @param line the line of the input where the fault was found (1 = the first), or -1 when unknown */
    public DecodeException(String message, Throwable cause, int line) {
        super(message, cause);
        this.line = line;
    }

    /** The line of the input where the fault was found (1 = the first), or -1 when unknown. */
    public int line() {
        return line;
    }
}
