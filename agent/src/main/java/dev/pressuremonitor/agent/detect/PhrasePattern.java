package dev.pressuremonitor.agent.detect;

import java.util.List;

/**
 * A compiled token pattern: literal pieces separated by bounded gaps. Each piece lists the token sequences it
 * accepts (alternatives and optional words already expanded).
 *
 * @param pieces  piece i accepts any of pieces.get(i)
 * @param maxGaps maxGaps[i] is how many tokens may stand between piece i-1 and piece i (maxGaps[0] unused);
 *                {@link PatternSyntax#ADJACENT} when piece i continues piece i-1 directly (a long run split up)
 */
public record PhrasePattern(String source, List<List<List<String>>> pieces, int[] maxGaps) {
    public PhrasePattern {
        pieces = List.copyOf(pieces);
        maxGaps = maxGaps.clone();
    }
}
