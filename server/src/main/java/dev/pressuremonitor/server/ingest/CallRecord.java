package dev.pressuremonitor.server.ingest;

/**
 * What ingest remembers of a call. {@code shownSeq} only says what the overlays have seen; whether an event is
 * stored is the store's answer alone, so a failed write leaves nothing here to undo.
 */
final class CallRecord {
    final String rep;
    final String team;
    /** The highest seq shown to the overlays: a resend is not shown twice. */
    long shownSeq;
    /** The seq of the call's call_ended once one arrived (0 before): nothing after it is accepted. */
    long endSeq;
    /** Whether that call_ended is stored (not only received). */
    boolean endStored;
    /** When the call was started (epoch ms), and when its agent was last heard from. */
    final long startedAt;
    volatile long lastHeard;
    /** The call time (seconds) its agent's events last mentioned, as far as the envelope times tell. */
    volatile long lastEventTs;

    CallRecord(String rep, String team, long startedAt, long shownSeq, long endSeq, long heardAt) {
        this.startedAt = startedAt;
        this.lastHeard = heardAt;
        this.lastEventTs = startedAt;
        this.rep = rep;
        this.team = team;
        this.shownSeq = shownSeq;
        this.endSeq = endSeq;
        this.endStored = endSeq > 0;
    }

    boolean ended() {
        return endSeq > 0;
    }
}
