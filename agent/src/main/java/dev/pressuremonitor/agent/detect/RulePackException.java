package dev.pressuremonitor.agent.detect;

/** A rule pack that cannot be used; the message names the file, the rule and the field. */
public class RulePackException extends RuntimeException {
    public RulePackException(String message) {
        super(message);
    }
}
