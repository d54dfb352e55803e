package dev.pressuremonitor.models;

/** Who said a word: the rep wearing the agent, or the other side of the call. */
public enum Speaker {
    REP,
    PROSPECT
}
