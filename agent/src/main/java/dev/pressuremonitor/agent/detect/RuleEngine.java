package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Speaker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The matching stages of the detector over one utterance: the phrase matcher finds triggers, guards and
 * negators in one pass; the guard stage vetoes negated or hard-negative triggers; the overlap stage keeps one
 * hit per stretch of words and kind. Stateless and safe to share between threads.
 */
public final class RuleEngine {
    private static final int TRIGGER = 0, GUARD = 1, NEGATOR = 2, DISCLAIMER = 3;
    /** A guard window no utterance reaches: an {@code unlessInClause} guard vetoes anywhere in the trigger's clause. */
    private static final int WHOLE_CLAUSE = 1 << 20;
    /** Words that start a new clause, ending the reach of a negator before them. */
    private static final java.util.Set<String> CLAUSE_BREAKS = java.util.Set.of("but", "and", "so", "because", "cause",
            "though", "although", "however", "if", "then", "when", "which", "while", "unless", "until", "anyway");

    private final RulePack pack;
    private final PhraseMatcher matcher;
    private final int[] patternRole;
    private final int[] patternRule;
    /** For a guard pattern, how many tokens from the trigger it reaches. */
    private final int[] patternWindow;

    public RuleEngine(RulePack pack) {
        this.pack = pack;
        List<PhrasePattern> all = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        List<Rule> rules = pack.rules();
        for (int r = 0; r < rules.size(); r++) {
            Rule rule = rules.get(r);
            for (PhrasePattern p : rule.patterns()) {
                all.add(p);
                owners.add(new int[]{TRIGGER, r, 0});
            }
            for (PhrasePattern p : rule.unless()) {
                all.add(p);
                owners.add(new int[]{GUARD, r, rule.guardWindow()});
            }
            for (PhrasePattern p : rule.unlessInClause()) {
                all.add(p);
                owners.add(new int[]{GUARD, r, WHOLE_CLAUSE});
            }
        }
        for (PhrasePattern p : pack.negators()) {
            all.add(p);
            owners.add(new int[]{NEGATOR, -1, 0});
        }
        for (PhrasePattern p : pack.disclaimers()) {
            all.add(p);
            owners.add(new int[]{DISCLAIMER, -1, 0});
        }
        this.matcher = new PhraseMatcher(all);
        this.patternRole = owners.stream().mapToInt(o -> o[0]).toArray();
        this.patternRule = owners.stream().mapToInt(o -> o[1]).toArray();
        this.patternWindow = owners.stream().mapToInt(o -> o[2]).toArray();
    }

    public RulePack pack() {
        return pack;
    }

    /** Rule hits for rules that listen to the utterance's speaker, guards applied, overlaps resolved. */
    public List<RuleHit> scan(Utterance utterance) {
        return scan(utterance, hit -> true);
    }

    /**
     * As {@link #scan(Utterance)}, keeping only hits {@code context} allows. Context is applied before overlaps
     * are resolved, so a rule that is out of context cannot hide another rule's hit on the same words.
     */
    public List<RuleHit> scan(Utterance utterance, java.util.function.Predicate<RuleHit> context) {
        List<Token> tokens = utterance.tokens();
        Speaker speaker = utterance.speaker();
        Matches m = new Matches();
        matcher.match(tokens, m);
        if (m.triggers.isEmpty()) return List.of();
        List<RuleHit> hits = new ArrayList<>();
        for (int i = 0; i < m.triggers.size(); i += 3) {
            int ruleIndex = m.triggers.get(i), first = m.triggers.get(i + 1), last = m.triggers.get(i + 2);
            Rule rule = pack.rules().get(ruleIndex);
            if (rule.speaker() != speaker) continue;
            if (rule.negatable() && reaches(m.negators, tokens, first, false)) continue;
            if (rule.category().isPressure() && reaches(m.disclaimers, tokens, first, true)) continue;
            if (guarded(m.guards, tokens, ruleIndex, first, last)) continue;
            RuleHit hit = new RuleHit(rule, first, last, tokens.get(first).start(), tokens.get(last).end(), utterance.heard(first, last));
            if (context.test(hit)) hits.add(hit);
        }
        return resolveOverlaps(hits);
    }

    /**
     * Whether a negator or disclaimer heard shortly before the trigger reaches it, and so vetoes it: it ends within
     * the negation window before the trigger, in the trigger's clause, with no clause break between them. "i am not
     * going to push you to sign" is negated; "i do not know if you saw it but the offer ends friday" and "no rush.
     * the offer ends friday" are not. A disclaimer ({@code overlapping}) need only start before the trigger and in
     * its clause, and may end on its words: "i will not keep calling" names the very push it disowns; a negator must
     * end before the trigger. Negators veto negatable rules, disclaimers any pressure rule.
     */
    private boolean reaches(IntList spans, List<Token> tokens, int first, boolean overlapping) {
        for (int i = 0; i < spans.size(); i += 2) {
            int sLast = spans.get(i + 1);
            int before = overlapping ? spans.get(i) : sLast; // the word that must come before the trigger, in its clause
            if (before >= first || sLast < first - pack.negationWindow()) continue;
            if (tokens.get(before).clause() != tokens.get(first).clause()) continue;
            boolean broken = false;
            for (int k = sLast + 1; k < first && !broken; k++) broken = CLAUSE_BREAKS.contains(tokens.get(k).text());
            if (!broken) return true;
        }
        return false;
    }

    /**
     * A hard negative of the rule vetoes the trigger when it is within its window ({@code guardWindow} tokens for
     * {@code unless}, the whole clause for {@code unlessInClause}) and shares a clause with it.
     */
    private boolean guarded(IntList guards, List<Token> tokens, int rule, int first, int last) {
        int fromClause = tokens.get(first).clause(), toClause = tokens.get(last).clause();
        for (int i = 0; i < guards.size(); i += 3) {
            int pattern = guards.get(i);
            if (patternRule[pattern] != rule) continue;
            int gFirst = guards.get(i + 1), gLast = guards.get(i + 2), window = patternWindow[pattern];
            if (gFirst > last + window || gLast < first - window) continue;
            if (tokens.get(gLast).clause() < fromClause || tokens.get(gFirst).clause() > toClause) continue;
            return true;
        }
        return false;
    }

    /**
     * Within one kind (pressure, trust, prospect signal) overlapping hits are one moment: keep the heaviest
     * (then the longest, then the earliest), so the rep sees one nudge for one phrase.
     */
    static List<RuleHit> resolveOverlaps(List<RuleHit> hits) {
        if (hits.size() < 2) return hits;
        List<RuleHit> sorted = new ArrayList<>(hits);
        sorted.sort(Comparator.comparingDouble((RuleHit h) -> -h.rule().weight())
                .thenComparingInt(h -> -h.length())
                .thenComparingInt(RuleHit::first));
        List<RuleHit> kept = new ArrayList<>();
        for (RuleHit h : sorted) {
            boolean clash = false;
            for (RuleHit k : kept) {
                if (sameKind(k.rule().category(), h.rule().category()) && k.overlaps(h)) {
                    clash = true;
                    break;
                }
            }
            if (!clash) kept.add(h);
        }
        kept.sort(Comparator.comparingInt(RuleHit::first).thenComparing(h -> h.rule().id()));
        return kept;
    }

    private static boolean sameKind(Category a, Category b) {
        return a.kind() == b.kind();
    }

    private final class Matches implements PhraseMatcher.Sink {
        final IntList triggers = new IntList();
        /** (pattern, first, last): a guard's window depends on the pattern, not only on its rule. */
        final IntList guards = new IntList();
        final IntList negators = new IntList();
        final IntList disclaimers = new IntList();

        @Override
        public void match(int pattern, int first, int last) {
            switch (patternRole[pattern]) {
                case TRIGGER -> triggers.add3(patternRule[pattern], first, last);
                case GUARD -> guards.add3(pattern, first, last);
                case NEGATOR -> negators.add2(first, last);
                default -> disclaimers.add2(first, last);
            }
        }
    }

    private static final class IntList {
        private int[] a = new int[12];
        private int n;

        void add2(int x, int y) {
            ensure(2);
            a[n++] = x;
            a[n++] = y;
        }

        void add3(int x, int y, int z) {
            ensure(3);
            a[n++] = x;
            a[n++] = y;
            a[n++] = z;
        }

        private void ensure(int k) {
            if (n + k > a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
        }

        int get(int i) {
            return a[i];
        }

        int size() {
            return n;
        }

        boolean isEmpty() {
            return n == 0;
        }
    }
}
