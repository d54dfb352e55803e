package dev.pressuremonitor.agent.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Named word classes for the pattern language: {@code @deadline} in a pattern stands for every entry of the
 * lexicon "deadline". Entries are words or phrases, written like a pattern without gaps, and may name other
 * lexicons ("by @weekday"). Patterns that use a lexicon are expanded before compiling, so a lexicon adds keywords
 * to the one automaton and costs nothing per word heard.
 */
public final class Lexicons {
    public static final Lexicons NONE = new Lexicons(Map.of());
    static final String NAME = "[a-z][a-z0-9_]{0,39}";

    private final Map<String, List<List<String>>> byName;

    private Lexicons(Map<String, List<List<String>>> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The token sequences lexicon {@code name} stands for, or null when there is no such lexicon. */
    public List<List<String>> get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }

    /**
     * Adds the lexicons {@code raw} (name to entries, as written in {@code source}) to {@code base}. A lexicon with
     * a name {@code base} already has replaces it; an entry "@name" inside it stands for the old one, so a pack can
     * extend a shipped lexicon: {@code "competitor": ["@competitor", "acme"]}.
     */
    public static Lexicons define(String source, Map<String, List<String>> raw, Lexicons base) {
        if (raw.isEmpty()) return base;
        Map<String, List<List<String>>> all = new LinkedHashMap<>(base.byName);
        Resolver r = new Resolver(source, raw, base);
        for (String name : raw.keySet()) all.put(name, r.resolve(name));
        return new Lexicons(all);
    }

    private static final class Resolver {
        private final String source;
        private final Map<String, List<String>> raw;
        private final Lexicons base;
        private final Map<String, List<List<String>>> done = new LinkedHashMap<>();
        private final Set<String> resolving = new LinkedHashSet<>();

        Resolver(String source, Map<String, List<String>> raw, Lexicons base) {
            this.source = source;
            this.raw = raw;
            this.base = base;
        }

        List<List<String>> resolve(String name) {
            List<List<String>> known = done.get(name);
            if (known != null) return known;
            if (!name.matches(NAME)) {
                throw error(name, "is not a lexicon name: use lower case letters, digits and '_', starting with a letter");
            }
            List<String> entries = raw.get(name);
            if (entries.isEmpty()) throw error(name, "is empty: give it at least one word or phrase");
            resolving.add(name);
            Set<List<String>> seqs = new LinkedHashSet<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < entries.size(); i++) {
                String entry = entries.get(i);
                String where = "entry " + (i + 1) + " '" + entry + "'";
                if (entry == null || entry.isBlank()) throw error(name, "entry " + (i + 1) + " is empty");
                if (!seen.add(entry.trim())) throw error(name, where + " is listed twice");
                try {
                    seqs.addAll(PatternSyntax.phrase(entry, ref -> lookup(name, ref)));
                } catch (IllegalArgumentException e) {
                    throw error(name, where + ": " + e.getMessage());
                }
            }
            resolving.remove(name);
            List<List<String>> out = new ArrayList<>(seqs);
            done.put(name, out);
            return out;
        }

        /** What "@ref" means inside lexicon {@code from}. */
        private List<List<String>> lookup(String from, String ref) {
            if (ref.equals(from) || !raw.containsKey(ref)) return base.get(ref); // the old lexicon of that name
            if (resolving.contains(ref)) {
                throw new IllegalArgumentException("'@" + ref + "' includes '@" + from + "' in turn: lexicons may not include each other in a circle");
            }
            return resolve(ref);
        }

        private RulePackException error(String lexicon, String problem) {
            return new RulePackException(source + ": lexicon '" + lexicon + "' " + problem);
        }
    }
}
