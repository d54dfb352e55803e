package dev.pressuremonitor.server.calls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/**
 * A call summary as JSON for people and tools: figures rounded to what they mean (32.3 s, not
 * 32.300000000000004), the same from the server's API and from {@code analyze --format json}.
 */
public final class SummaryJson {
    static final int DECIMALS = 3;

    private SummaryJson() {}

    /** A call whose start is not known (a recording that does not carry its time) has null start and end times. */
    public static String write(CallSummary s, boolean pretty) {
        JsonNode tree = round(Json.mapper().valueToTree(s));
        if (s.startedAt() == 0 && tree instanceof ObjectNode o) {
            o.putNull("startedAt");
            o.putNull("endedAt");
        }
        try {
            return pretty ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n" : Json.mapper().writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a summary tree always serialises", e);
        }
    }

    static JsonNode round(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isFloatingPointNumber()) o.put(e.getKey(), rounded(e.getValue().doubleValue()));
                else round(e.getValue());
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isFloatingPointNumber()) a.set(i, a.numberNode(rounded(a.get(i).doubleValue())));
                else round(a.get(i));
            }
        }
        return node;
    }

    private static BigDecimal rounded(double v) {
        if (!Double.isFinite(v)) return BigDecimal.ZERO;
        BigDecimal d = BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
