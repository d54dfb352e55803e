package dev.pressuremonitor.server.feedback;

import dev.pressuremonitor.models.CallFeedback;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.TranscriptSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settled transcript lines of a call, when its agent kept the words (--keep-transcript); empty otherwise. A
 * mark takes its words from here and nowhere else, so a call without a kept transcript gives none away.
 */
final class KeptTranscript {
    private final List<CallFeedback.Line> lines;

    private KeptTranscript(List<CallFeedback.Line> lines) {
        this.lines = lines;
    }

    /** @param events the call's transcript events (others are passed over) */
    static KeptTranscript of(List<Envelope> events) {
        List<CallFeedback.Line> out = new ArrayList<>();
        for (Envelope e : events) {
            if (e.data() instanceof TranscriptSegment t && t.isFinal() && !t.words().isEmpty()) {
                String text = t.text().strip();
                if (text.isEmpty()) continue;
                out.add(new CallFeedback.Line(e.seq(), t.speaker(), t.words().get(0).start(), t.words().get(t.words().size() - 1).end(), text));
            }
        }
        out.sort(java.util.Comparator.comparingDouble(CallFeedback.Line::start).thenComparingLong(CallFeedback.Line::line));
        return new KeptTranscript(List.copyOf(out));
    }

    boolean kept() {
        return !lines.isEmpty();
    }

    List<CallFeedback.Line> lines() {
        return lines;
    }

    Optional<CallFeedback.Line> line(long seq) {
        return lines.stream().filter(l -> l.line() == seq).findFirst();
    }

    /** What the rep said over [from, to] (lines that overlap it, whole), or null when nothing was kept there. */
    String repWords(double from, double to) {
        List<String> said = new ArrayList<>();
        for (CallFeedback.Line l : lines) {
            if (l.speaker() == Speaker.REP && l.end() >= from && l.start() <= to) said.add(l.text());
        }
        return said.isEmpty() ? null : String.join(" ", said);
    }

    /** The prospect's last line before {@code at}, the context a corpus line carries; null when there is none. */
    String prospectBefore(double at) {
        String last = null;
        for (CallFeedback.Line l : lines) {
            if (l.start() >= at) break;
            if (l.speaker() == Speaker.PROSPECT) last = l.text();
        }
        return last;
    }
}
