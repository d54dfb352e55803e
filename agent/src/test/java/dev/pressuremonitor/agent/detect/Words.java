package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/** Builds timed words for tests: "just@1.0 checking@1.3" or evenly spaced from a start time. */
final class Words {
    private Words() {}

    /** Words of {@code text} starting at {@code start}, one every {@code step} seconds, each {@code step*0.8} long. */
    static List<Word> at(double start, double step, String text) {
        List<Word> out = new ArrayList<>();
        double t = start;
        for (String w : text.split(" +")) {
            out.add(new Word(w, round(t), round(t + step * 0.8), 1.0));
            t += step;
        }
        return out;
    }

    static List<Word> at(double start, String text) {
        return at(start, 0.3, text);
    }

    /** The tokens the rules read in {@code text} said by the rep, joined by spaces. */
    static String read(String text) {
        return String.join(" ", Utterance.of(dev.pressuremonitor.models.Speaker.REP, at(0, text)).tokens().stream().map(Token::text).toList());
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
