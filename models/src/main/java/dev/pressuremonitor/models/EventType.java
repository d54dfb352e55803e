package dev.pressuremonitor.models;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The wire name of each event payload. */
public enum EventType {
    CALL_STARTED("call_started", CallStarted.class),
    TRANSCRIPT("transcript", TranscriptSegment.class),
    ALERT("alert", Alert.class),
    TRUST("trust", TrustSignal.class),
    METRICS("metrics", MetricsSnapshot.class),
    CALL_ENDED("call_ended", CallEnded.class);

    private static final Map<String, EventType> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wire, Function.identity()));

    /** values() copies its array at every call, and {@link #of} is asked once per stored event. */
    private static final EventType[] ALL = values();

    private final String wire;
    private final Class<? extends Event> payloadClass;

    EventType(String wire, Class<? extends Event> payloadClass) {
        this.wire = wire;
        this.payloadClass = payloadClass;
    }

    public String wire() {
        return wire;
    }

    public Class<? extends Event> payloadClass() {
        return payloadClass;
    }

    public static EventType ofWire(String wire) {
        EventType t = BY_WIRE.get(wire);
        if (t == null) {
            throw new IllegalArgumentException("unknown event type '" + wire + "': expected one of " + BY_WIRE.keySet().stream().sorted().toList());
        }
        return t;
    }

    /** The type with this wire name, or null. */
    public static EventType ofWireOrNull(String wire) {
        return BY_WIRE.get(wire);
    }

    public static EventType of(Event e) {
        for (EventType t : ALL) {
            if (t.payloadClass.isInstance(e)) return t;
        }
        throw new IllegalStateException("no wire type for " + e.getClass());
    }
}
