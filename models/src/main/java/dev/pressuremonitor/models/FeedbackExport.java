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
     * One line in the corpus format of {@code seeds/corpus/domains/*.jsonl}, and where it came from.
     *
     * @param label   PITCH, CLOSE, URGENCY, CHASE, COUNTER, DEFEND or NONE
     * @param context the prospect's words just before; null when not known
     * @param call    the call the mark is on
     * @param rule    the rule that raised the marked nudge; null for a missed moment
     */
    public record CorpusLine(String id, String domain, String text, String label, String context, String call, String rule) {
        public CorpusLine {
            Require.nonBlank(id, "id");
            Require.nonNull(domain, "domain");
            Require.nonBlank(text, "text");
            Require.nonBlank(label, "label");
            Require.nonBlank(call, "call");
        }

        /** The line exactly as a corpus file holds it: {@code {"id", "domain", "text", "label"}} and a {@code "context"} only when known. */
        public String jsonl() {
            return corpus().toString();
        }

        /** The corpus line with {@code "call"} and {@code "rule"} (when there is one) added, for training on a team's own calls. */
        public String jsonlWithSource() {
            var n = corpus().put("call", call);
            if (rule != null) n.put("rule", rule);
            return n.toString();
        }

        private com.fasterxml.jackson.databind.node.ObjectNode corpus() {
            var n = Json.mapper().createObjectNode().put("id", id).put("domain", domain).put("text", text).put("label", label);
            if (context != null) n.put("context", context);
            return n;
        }
    }

    /** Marks left out for one reason. */
    public record Skipped(String reason, int count) {}
}
