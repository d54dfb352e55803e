package dev.pressuremonitor.models;

/**
 * What the server answers an agent, one per event: {@code ack} when the event is durably stored (or was
 * already), {@code error} with a message that says what was wrong (the event is refused for good and changes
 * nothing), or {@code retry} when the server could not store it just now and the agent should send it again.
 *
 * @param type    "ack", "error" or "retry"
 * @param callId  the event's call, when it could be read
 * @param seq     the event's seq, when it could be read (0 otherwise)
 * @param message for errors: what was wrong and what to do
 */
public record AgentReply(String type, String callId, long seq, String message) {
    public static final String ACK = "ack";
    public static final String ERROR = "error";
    public static final String RETRY = "retry";

    public AgentReply {
        Require.nonNull(type, "type");
        if (!type.equals(ACK) && !type.equals(ERROR) && !type.equals(RETRY)) {
            throw new IllegalArgumentException("field 'type' must be 'ack', 'error' or 'retry', was '" + type + "'");
        }
    }

    public static AgentReply ack(String callId, long seq) {
        return new AgentReply(ACK, callId, seq, null);
    }

    public static AgentReply error(String callId, long seq, String message) {
        return new AgentReply(ERROR, callId, seq, message);
    }

    public static AgentReply retry(String callId, long seq, String message) {
        return new AgentReply(RETRY, callId, seq, message);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isRetry() {
        return type.equals(RETRY);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAck() {
        return type.equals(ACK);
    }

    public String toJson() {
        return Json.write(this);
    }

    public static AgentReply parse(String json) throws DecodeException {
        return Json.read(json, AgentReply.class);
    }
}
