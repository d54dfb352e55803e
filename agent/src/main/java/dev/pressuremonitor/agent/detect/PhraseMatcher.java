package dev.pressuremonitor.agent.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * All patterns of a rule pack in one Aho-Corasick automaton over token ids, so the cost per token does not grow
 * with the number of rules. Pieces of gapped patterns are matched as separate keywords and joined when the gap
 * between them is within bounds and inside one clause.
 */
public final class PhraseMatcher {

    /** Receives each full pattern match; {@code first} and {@code last} are token positions, inclusive. */
    @FunctionalInterface
    public interface Sink {
        void match(int pattern, int first, int last);
    }

    private static final int[] NONE = new int[0];

    private final Map<String, Integer> vocabulary = new HashMap<>();
    private final TransitionTable goTo = new TransitionTable();
    private int[] fail;
    private int[][] outputs;
    // keyword entries: which pattern and piece a keyword ends, and its length in tokens
    private final int[] entryPattern;
    private final int[] entryPiece;
    private final int[] entryLength;
    private final int[] pieceCount;
    private final int[][] maxGaps;

    public PhraseMatcher(List<PhrasePattern> patterns) {
        List<int[]> entries = new ArrayList<>();
        List<int[]> nodeOutputs = new ArrayList<>();
        nodeOutputs.add(NONE);
        pieceCount = new int[patterns.size()];
        maxGaps = new int[patterns.size()][];
        int nodes = 1;
        for (int p = 0; p < patterns.size(); p++) {
            PhrasePattern pattern = patterns.get(p);
            pieceCount[p] = pattern.pieces().size();
            maxGaps[p] = pattern.maxGaps();
            for (int k = 0; k < pattern.pieces().size(); k++) {
                for (List<String> variant : pattern.pieces().get(k)) {
                    int state = 0;
                    for (String tok : variant) {
                        int id = vocabulary.computeIfAbsent(tok, t -> vocabulary.size());
                        int next = goTo.get(state, id);
                        if (next < 0) {
                            next = nodes++;
                            goTo.put(state, id, next);
                            nodeOutputs.add(NONE);
                        }
                        state = next;
                    }
                    int entry = entries.size();
                    entries.add(new int[]{p, k, variant.size()});
                    int[] old = nodeOutputs.get(state);
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = entry;
                    nodeOutputs.set(state, grown);
                }
            }
        }
        entryPattern = entries.stream().mapToInt(e -> e[0]).toArray();
        entryPiece = entries.stream().mapToInt(e -> e[1]).toArray();
        entryLength = entries.stream().mapToInt(e -> e[2]).toArray();
        outputs = nodeOutputs.toArray(new int[0][]);
        buildFailureLinks(nodes);
    }

    private void buildFailureLinks(int nodes) {
        fail = new int[nodes];
        // children per node, to walk the trie breadth-first
        List<List<int[]>> children = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) children.add(new ArrayList<>());
        goTo.forEach((from, token, to) -> children.get(from).add(new int[]{token, to}));
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int[] c : children.get(0)) {
            fail[c[1]] = 0;
            queue.add(c[1]);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int[] c : children.get(node)) {
                int token = c[0], child = c[1];
                int f = fail[node];
                while (f != 0 && goTo.get(f, token) < 0) f = fail[f];
                int target = goTo.get(f, token);
                fail[child] = (target >= 0 && target != child) ? target : 0;
                int[] inherited = outputs[fail[child]];
                if (inherited.length > 0) {
                    int[] own = outputs[child];
                    int[] merged = Arrays.copyOf(own, own.length + inherited.length);
                    System.arraycopy(inherited, 0, merged, own.length, inherited.length);
                    outputs[child] = merged;
                }
                queue.add(child);
            }
        }
    }

    /** Finds every match of every pattern in {@code tokens}. */
    public void match(List<Token> tokens, Sink sink) {
        int state = 0;
        Progress progress = null;
        for (int i = 0, n = tokens.size(); i < n; i++) {
            String text = tokens.get(i).text();
            Integer boxed = vocabulary.get(!text.isEmpty() && Character.isDigit(text.charAt(0)) ? PatternSyntax.NUMBER : text);
            if (boxed == null) {
                state = 0;
                continue;
            }
            int id = boxed;
            int next;
            while ((next = goTo.get(state, id)) < 0 && state != 0) state = fail[state];
            state = Math.max(next, 0);
            int[] out = outputs[state];
            for (int e : out) {
                int p = entryPattern[e], piece = entryPiece[e], first = i - entryLength[e] + 1;
                if (pieceCount[p] == 1) {
                    sink.match(p, first, i);
                    continue;
                }
                if (piece > 0 && (progress == null || !progress.started(p))) continue; // no earlier piece of it yet
                if (progress == null) progress = new Progress(pieceCount.length);
                progress.hit(p, piece, first, i, pieceCount[p], maxGaps[p][piece], tokens, sink);
            }
        }
    }

    /** Partial matches of gapped patterns within one scan. */
    private static final class Progress {
        private int[] data = new int[32]; // (pattern, piece, firstToken, lastToken) quads
        private int size;
        /** Patterns with a partial match so far: a later piece of any other cannot complete anything. */
        private final java.util.BitSet started;

        Progress(int patterns) {
            started = new java.util.BitSet(patterns);
        }

        boolean started(int pattern) {
            return started.get(pattern);
        }

        void hit(int pattern, int piece, int first, int last, int pieces, int maxGap, List<Token> tokens, Sink sink) {
            if (piece == 0) {
                add(pattern, 0, first, last);
                return;
            }
            int before = size;
            for (int j = 0; j < before; j += 4) {
                if (data[j] != pattern || data[j + 1] != piece - 1) continue;
                int gap = first - data[j + 3] - 1;
                if (maxGap == PatternSyntax.ADJACENT) {
                    if (gap != 0) continue;
                } else if (gap < 0 || gap > maxGap || tokens.get(first).clause() != tokens.get(data[j + 3]).clause()) {
                    continue; // out of bounds, or the gap would cross a clause boundary
                }
                if (piece == pieces - 1) sink.match(pattern, data[j + 2], last);
                else add(pattern, piece, data[j + 2], last);
            }
        }

        private void add(int pattern, int piece, int first, int last) {
            started.set(pattern);
            if (size + 4 > data.length) data = Arrays.copyOf(data, data.length * 2);
            data[size++] = pattern;
            data[size++] = piece;
            data[size++] = first;
            data[size++] = last;
        }
    }

    /** Open-addressing map from (state, token) to the next state; -1 when absent. */
    private static final class TransitionTable {
        private long[] keys = new long[1024];
        private int[] values = new int[1024];
        private int size;

        interface Visitor {
            void visit(int from, int token, int to);
        }

        int get(int state, int token) {
            long key = key(state, token);
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                long k = keys[i];
                if (k == 0) return -1;
                if (k == key) return values[i];
            }
        }

        void put(int state, int token, int next) {
            if ((size + 1) * 2 > keys.length) grow();
            insert(key(state, token), next);
            size++;
        }

        void forEach(Visitor v) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    long k = keys[i] - 1;
                    v.visit((int) (k >>> 32), (int) k, values[i]);
                }
            }
        }

        private void insert(long key, int value) {
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (keys[i] != 0) i = (i + 1) & mask;
            keys[i] = key;
            values[i] = value;
        }

        private void grow() {
            long[] oldKeys = keys;
            int[] oldValues = values;
            keys = new long[oldKeys.length * 2];
            values = new int[oldValues.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) insert(oldKeys[i], oldValues[i]);
            }
        }

        // +1 keeps key 0 free as the empty-slot marker
        private static long key(int state, int token) {
            return (((long) state << 32) | (token & 0xffffffffL)) + 1;
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 29));
        }
    }
}
