package dev.pressuremonitor.models;

/**
 * What travels between agent and server: one event of one call.
 *
 * @param callId opaque id chosen by the agent
 * @param seq    per call, strictly increasing from 1; the server uses (callId, seq) to drop duplicates
 * @param ts     wall-clock time the event was made, epoch milliseconds
 */
public record Envelope(String callId, long seq, long ts, Event data) {
    public Envelope {
        Require.nonBlank(callId, "callId");
        if (callId.length() > 128) throw new IllegalArgumentException("field 'callId' is longer than 128 characters");
        // ids end up in URLs and file names: keep them to a safe alphabet
        for (int i = 0; i < callId.length(); i++) {
            char c = callId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok || callId.equals(".") || callId.equals("..")) {
                throw new IllegalArgumentException("field 'callId' may hold only letters, digits, '-', '_', '.' and ':'");
            }
        }
        if (seq < 1) throw new IllegalArgumentException("field 'seq' must be >= 1, was " + seq);
        if (ts < 0) throw new IllegalArgumentException("field 'ts' must be >= 0, was " + ts);
        Require.nonNull(data, "data");
    }

    public EventType type() {
        return EventType.of(data);
    }
}
