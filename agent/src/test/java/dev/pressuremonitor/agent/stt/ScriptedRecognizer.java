package dev.pressuremonitor.agent.stt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Stands in for Vosk behind {@link SpeechRecognizer}: each fed chunk plays the next scripted step, which is
 * either a partial result or an endpoint with its final result, in Vosk's own JSON.
 */
final class ScriptedRecognizer implements SpeechRecognizer {
    record Step(boolean endpoint, String json) {
        static Step partial(String json) {
            return new Step(false, json);
        }

        static Step result(String json) {
            return new Step(true, json);
        }
    }

    private final Deque<Step> steps;
    private final String finalJson;
    private String partial = "{\"partial\" : \"\"}";
    private String result = "{\"text\" : \"\"}";
    int fed;
    boolean closed;

    ScriptedRecognizer(List<Step> steps, String finalJson) {
        this.steps = new ArrayDeque<>(steps);
        this.finalJson = finalJson;
    }

    @Override
    public boolean acceptWaveForm(byte[] pcm, int length) {
        fed++;
        Step s = steps.poll();
        if (s == null) return false;
        if (s.endpoint()) {
            result = s.json();
            partial = "{\"text\" : \"\"}"; // what Vosk reports as the partial right after an endpoint
            return true;
        }
        partial = s.json();
        return false;
    }

    @Override
    public String result() {
        return result;
    }

    @Override
    public String partialResult() {
        return partial;
    }

    @Override
    public String finalResult() {
        return finalJson;
    }

    @Override
    public void close() {
        closed = true;
    }
}
