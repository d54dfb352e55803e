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
        return isAck() && message == null && plain(callId) ? ackJson(callId, seq) : Json.write(this);
    }

    /**
     * An ack, the reply to nearly every event, spelt out without the JSON writer: the same text it writes (tested),
     * for the call ids that need no escaping. The writer made a generator and its buffers per reply, on the store's
     * one writing thread, for a line of some sixty bytes.
     */
    private static String ackJson(String callId, long seq) {
        return "{\"type\":\"ack\",\"callId\":\"" + callId + "\",\"seq\":" + seq + ",\"message\":null}";
    }

    /** Whether {@code s} is printable ASCII without quotes or backslashes: written in JSON as it is. */
    private static boolean plain(String s) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return false;
        }
        return true;
    }

    public static AgentReply parse(String json) throws DecodeException {
        return Json.read(json, AgentReply.class);
    }
}
