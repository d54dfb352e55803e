package dev.pressuremonitor.models;

import java.util.List;

/**
 * A team's marks as labelled corpus lines ({@code GET /api/feedback/export}), with what was left out and why.
 *
 * @param phraseOnly lines whose text is only the matched phrase (the call's transcript was not kept)
 */
public record FeedbackExport(String team, List<CorpusLine> lines, int phraseOnly, List<Skipped> skipped) {
    public FeedbackExport {
        Require.nonNull(team, "team");
        lines = List.copyOf(Require.nonNull(lines, "lines"));
        skipped = List.copyOf(Require.nonNull(skipped, "skipped"));
    }

    /**
     * One line in the corpus format of {@code seeds/corpus/domains/*.jsonl}.
     *
     * @param label   PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND or NONE
     * @param context the prospect's words just before; null when not known
     */
    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"id", "domain", "text", "label", "context"})
    public record CorpusLine(String id, String domain, String text, String label, String context) {
        public CorpusLine {
            Require.nonBlank(id, "id");
            Require.nonNull(domain, "domain");
            Require.nonBlank(text, "text");
            Require.nonBlank(label, "label");
        }

        /** The line as a corpus file holds it: {@code {"id", "domain", "text", "label"}} and a {@code "context"} only when known. */
        public String jsonl() {
            var n = Json.mapper().createObjectNode().put("id", id).put("domain", domain).put("text", text).put("label", label);
            if (context != null) n.put("context", context);
            return n.toString();
        }
    }

    /** Marks left out for one reason. */
    public record Skipped(String reason, int count) {}
}
