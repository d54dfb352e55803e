package dev.pressuremonitor.agent.detect;

import java.util.List;

/**
 * A validated set of rules plus the settings their guards share.
 *
 * @param sources        where the rules came from, for messages
 * @param negators       tokens or phrases that veto a negatable rule when heard just before it
 * @param disclaimers    the rep disowning a push ("i will not keep calling", "i am not going to pitch you"): vetoes
 *                       any pressure trigger after it within the negation window and clause, negatable or not
 * @param negationWindow how many tokens before a trigger a negator or disclaimer counts
 * @param openingSeconds how long the call's opening lasts for opening-only rules
 * @param lexicons       the word classes the patterns were written with, for packs loaded on top
 */
public record RulePack(List<String> sources, List<PhrasePattern> negators, List<PhrasePattern> disclaimers, int negationWindow,
                       double openingSeconds, List<Rule> rules, Lexicons lexicons) {
    public RulePack {
        sources = List.copyOf(sources);
        negators = List.copyOf(negators);
        disclaimers = List.copyOf(disclaimers);
        rules = List.copyOf(rules);
    }
}
