package dev.pressuremonitor.models;

/**
 * One recognised word with its timing in seconds from the start of the call, as Vosk reports it.
 *
 * @param conf recogniser confidence 0..1 (1.0 when the source gives none)
 */
public record Word(String text, double start, double end, double conf) {
    public Word {
        Require.nonNull(text, "text");
        Require.finite(start, "start");
        Require.finite(end, "end");
        if (start < 0) throw new IllegalArgumentException("field 'start' must be >= 0, was " + start);
        if (end < start) throw new IllegalArgumentException("field 'end' (" + end + ") is before 'start' (" + start + ")");
        if (!(conf >= 0 && conf <= 1)) throw new IllegalArgumentException("field 'conf' must be within 0..1, was " + conf);
    }

    public double duration() {
        return end - start;
    }
}
