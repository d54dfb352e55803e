package dev.pressuremonitor.agent.detect;

import java.util.List;
import java.util.Set;

/** Second stage: drops hesitation sounds so that "just um checking in" still reads "just checking in". */
public final class FillerFilter {
    private static final Set<String> FILLERS = Set.of("um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "hmm", "mm", "mhm");

    public void filter(List<Token> tokens) {
        tokens.removeIf(t -> FILLERS.contains(t.text()));
    }
}
