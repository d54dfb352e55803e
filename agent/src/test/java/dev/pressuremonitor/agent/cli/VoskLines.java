package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.Json;

/** Writes recorded calls in Vosk's result format for tests: one final result per utterance, 0.3 s a word. */
final class VoskLines {
    private final StringBuilder sb = new StringBuilder();

    VoskLines say(String speaker, double start, String text) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("speaker", speaker);
        ArrayNode result = o.putArray("result");
        double t = start;
        for (String w : text.split(" ")) {
            result.addObject().put("conf", 1.0).put("end", round(t + 0.25)).put("start", round(t)).put("word", w);
            t += 0.3;
        }
        o.put("text", text);
        sb.append(o).append('\n');
        return this;
    }

    /** The rep saying {@code text} {@code times} times, one every {@code every} seconds: a long, steady call. */
    static VoskLines repeating(int times, double every, String text) {
        VoskLines lines = new VoskLines();
        for (int i = 0; i < times; i++) lines.say("rep", i * every, text);
        return lines;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
