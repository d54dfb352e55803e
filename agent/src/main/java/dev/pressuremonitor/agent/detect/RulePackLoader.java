package dev.pressuremonitor.agent.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Shift;
import dev.pressuremonitor.models.Speaker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads rule packs (seeds/rules/*.json, or a user's {@code --rules FILE}) and validates every field, so a typo
 * says "FILE: rule 'ID': field 'F': what is wrong" at start-up instead of a silent miss on a call.
 */
public final class RulePackLoader {
    public static final String DEFAULT_RESOURCE = "seeds/rules/default.json";
    public static final String LEXICON_RESOURCE = "seeds/rules/lexicons.json";
    public static final int SCHEMA_VERSION = 1;

    private static final Set<String> PACK_FIELDS = Set.of("pack", "version", "about", "lexicons", "negators", "disclaimers", "negationWindow", "openingSeconds", "rules");
    private static final Set<String> LEXICON_FILE_FIELDS = Set.of("version", "about", "lexicons");
    private static final Set<String> RULE_FIELDS = Set.of("id", "category", "severity", "weight", "patterns", "unless", "unlessInClause",
            "guardWindow", "negatable", "context", "reframe", "note");
    private static final Set<String> CONTEXT_FIELDS = Set.of("speaker", "after", "within", "unheard", "unlessAfter", "unlessWithin", "phase");
    private static final Set<String> REFRAME_FIELDS = Set.of("shift", "ask");

    private final MindsetChart chart;

    public RulePackLoader(MindsetChart chart) {
        this.chart = chart;
    }

    /** The pack shipped in the jar, written with the shipped lexicons. */
    public RulePack loadDefault() {
        return loadDefaultPlus(List.of());
    }

    /**
     * The default pack with the user's rules added; a user rule with a default rule's id replaces it. The users'
     * lexicons are defined first, so a pack that extends a shipped lexicon extends it for the shipped rules too.
     */
    public RulePack loadDefaultPlus(List<Path> userFiles) {
        Lexicons lexicons = shippedLexicons();
        List<JsonNode> roots = new ArrayList<>();
        for (Path file : userFiles) {
            JsonNode root = readPack(file.toString(), readUserFile(file));
            lexicons = Lexicons.define(file.toString(), rawLexicons(root, new Where(file.toString(), null)), lexicons);
            roots.add(root);
        }
        RulePack pack = parse(DEFAULT_RESOURCE, readPack(DEFAULT_RESOURCE, resource(DEFAULT_RESOURCE)), null, lexicons);
        for (int i = 0; i < userFiles.size(); i++) pack = merge(pack, parse(userFiles.get(i).toString(), roots.get(i), pack, lexicons));
        return pack;
    }

    /** The lexicons shipped in the jar ({@code seeds/rules/lexicons.json}). */
    public Lexicons shippedLexicons() {
        JsonNode root = readJson(LEXICON_RESOURCE, resource(LEXICON_RESOURCE));
        Where at = new Where(LEXICON_RESOURCE, null);
        if (!root.isObject()) throw at.error(null, "expected a JSON object with 'version' and 'lexicons'");
        unknownFields(root, LEXICON_FILE_FIELDS, at, null);
        int version = requiredInt(root, "version", at);
        if (version != SCHEMA_VERSION) throw at.error("version", "is " + version + " but this Pressure Monitor reads version " + SCHEMA_VERSION);
        return Lexicons.define(LEXICON_RESOURCE, rawLexicons(root, at), Lexicons.NONE);
    }

    private static String resource(String name) {
        try (InputStream in = RulePackLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new RulePackException(name + " is missing from the classpath: rebuild with 'mvn -B package'");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulePackException(name + ": cannot read: " + e.getMessage());
        }
    }

    private static String readUserFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulePackException(file + ": cannot read rule pack (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "): check the path passed to --rules");
        }
    }

    static RulePack merge(RulePack base, RulePack extra) {
        Map<String, Rule> byId = new LinkedHashMap<>();
        for (Rule r : base.rules()) byId.put(r.id(), r);
        for (Rule r : extra.rules()) byId.put(r.id(), r);
        List<String> sources = new ArrayList<>(base.sources());
        sources.addAll(extra.sources());
        return new RulePack(sources, extra.negators(), extra.disclaimers(), extra.negationWindow(), extra.openingSeconds(), new ArrayList<>(byId.values()),
                extra.lexicons());
    }

    /**
     * Parses one pack. {@code base} supplies negators, settings and lexicons a pack leaves out; a pack with no
     * base must name its negators itself. The pack's own "lexicons" are added to the base's.
     */
    public RulePack parse(String source, String json, RulePack base) {
        JsonNode root = readPack(source, json);
        Lexicons inherited = base == null ? Lexicons.NONE : base.lexicons();
        return parse(source, root, base, Lexicons.define(source, rawLexicons(root, new Where(source, null)), inherited));
    }

    private static JsonNode readJson(String source, String json) {
        try {
            return Json.readTree(json);
        } catch (DecodeException e) {
            throw new RulePackException(source + ": not valid JSON: " + e.getMessage());
        }
    }

    private static JsonNode readPack(String source, String json) {
        JsonNode root = readJson(source, json);
        Where at = new Where(source, null);
        if (!root.isObject()) throw at.error(null, "expected a JSON object with 'version' and 'rules'");
        unknownFields(root, PACK_FIELDS, at, null);
        int version = requiredInt(root, "version", at);
        if (version != SCHEMA_VERSION) {
            throw at.error("version", "is " + version + " but this Pressure Monitor reads version " + SCHEMA_VERSION + " packs");
        }
        return root;
    }

    /** The "lexicons" object of a pack or lexicon file, checked for shape: {"name": ["word", "a phrase", ...]}. */
    private static Map<String, List<String>> rawLexicons(JsonNode root, Where at) {
        JsonNode node = root.get("lexicons");
        if (node == null) return Map.of();
        if (!node.isObject()) throw at.error("lexicons", "must be an object of lexicon names to lists of words, e.g. {\"deadline\": [\"friday\", \"end of the month\"]}");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) throw new RulePackException(at.file + ": lexicon '" + e.getKey() + "' must be an array of words or phrases");
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                JsonNode v = e.getValue().get(i);
                if (!v.isTextual()) throw new RulePackException(at.file + ": lexicon '" + e.getKey() + "' entry " + (i + 1) + " must be a string");
                entries.add(v.textValue());
            }
            out.put(e.getKey(), entries);
        }
        return out;
    }

    private RulePack parse(String source, JsonNode root, RulePack base, Lexicons lexicons) {
        Where at = new Where(source, null);
        List<PhrasePattern> negators;
        if (root.has("negators")) {
            negators = patterns(root.get("negators"), "negators", at, true, lexicons);
        } else if (base != null) {
            negators = base.negators();
        } else {
            throw at.error("negators", "is missing");
        }
        List<PhrasePattern> disclaimers = root.has("disclaimers") ? patterns(root.get("disclaimers"), "disclaimers", at, true, lexicons)
                : base != null ? base.disclaimers() : List.of();
        int negationWindow = root.has("negationWindow") ? boundedInt(root, "negationWindow", 1, 8, at)
                : base != null ? base.negationWindow() : 4;
        double openingSeconds = root.has("openingSeconds") ? boundedDouble(root, "openingSeconds", 0, 3600, at)
                : base != null ? base.openingSeconds() : 120;
        JsonNode rulesNode = root.get("rules");
        if (rulesNode == null || !rulesNode.isArray()) throw at.error("rules", "must be an array of rules");
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            Rule r = rule(rulesNode.get(i), new Where(source, "#" + i), lexicons);
            if (!ids.add(r.id())) throw new Where(source, r.id()).error("id", "is used by another rule in this pack");
            rules.add(r);
        }
        if (rules.isEmpty()) throw at.error("rules", "is empty: a pack needs at least one rule");
        return new RulePack(List.of(source), negators, disclaimers, negationWindow, openingSeconds, rules, lexicons);
    }

    private Rule rule(JsonNode node, Where position, Lexicons lexicons) {
        if (!node.isObject()) throw position.error(null, "must be an object");
        String id = requiredText(node, "id", position);
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,79}")) throw position.error("id", "'" + id + "' must be lower case letters, digits, '.', '_' or '-'");
        Where at = new Where(position.file, id);
        unknownFields(node, RULE_FIELDS, at, null);
        Category category = enumValue(node, "category", Category.class, at);
        Severity severity = node.has("severity") ? enumValue(node, "severity", Severity.class, at) : Severity.MEDIUM;
        double weight = node.has("weight") ? boundedDouble(node, "weight", 0.1, 10, at) : 1.0;
        List<PhrasePattern> patterns = patterns(node.get("patterns"), "patterns", at, true, lexicons);
        List<PhrasePattern> unless = node.has("unless") ? patterns(node.get("unless"), "unless", at, false, lexicons) : List.of();
        List<PhrasePattern> unlessInClause = node.has("unlessInClause") ? patterns(node.get("unlessInClause"), "unlessInClause", at, false, lexicons) : List.of();
        int guardWindow = node.has("guardWindow") ? boundedInt(node, "guardWindow", 0, 8, at) : 2;
        boolean negatable = true;
        if (node.has("negatable")) {
            if (!node.get("negatable").isBoolean()) throw at.error("negatable", "must be true or false");
            negatable = node.get("negatable").booleanValue();
        }
        Speaker speaker = category.kind() == Category.Kind.PROSPECT_SIGNAL ? Speaker.PROSPECT : Speaker.REP;
        Set<Category> after = EnumSet.noneOf(Category.class);
        double within = 0;
        boolean firesUnheard = false;
        Set<Category> unlessAfter = EnumSet.noneOf(Category.class);
        double unlessWithin = 0;
        boolean openingOnly = false;
        JsonNode ctx = node.get("context");
        if (ctx != null) {
            if (!ctx.isObject()) throw at.error("context", "must be an object");
            unknownFields(ctx, CONTEXT_FIELDS, at, "context");
            if (ctx.has("speaker")) speaker = enumValue(ctx, "speaker", Speaker.class, at.in("context"));
            if (ctx.has("after")) {
                after = signals(ctx, "after", at);
                within = ctx.has("within") ? boundedDouble(ctx, "within", 1, 600, at.in("context")) : 30;
                // an objection can never be heard where only the rep's microphone is: its answers fire there unless
                // the pack says otherwise; the rep's words that need a challenge to the price or to us wait for one
                firesUnheard = after.contains(Category.OBJECTION);
                if (ctx.has("unheard")) {
                    String unheard = requiredText(ctx, "unheard", at.in("context"));
                    if (!unheard.equals("fire") && !unheard.equals("wait")) {
                        throw at.error("context.unheard", "must be 'fire' (where the prospect is not heard, fire without the signal) or 'wait' (fire only after it), was '" + unheard + "'");
                    }
                    firesUnheard = unheard.equals("fire");
                }
            } else if (ctx.has("within")) {
                throw at.error("context.within", "needs 'after' to say what it counts from");
            } else if (ctx.has("unheard")) {
                throw at.error("context.unheard", "needs 'after' to say which signal may go unheard");
            }
            if (ctx.has("unlessAfter")) {
                unlessAfter = signals(ctx, "unlessAfter", at);
                unlessWithin = ctx.has("unlessWithin") ? boundedDouble(ctx, "unlessWithin", 1, 600, at.in("context")) : 30;
            } else if (ctx.has("unlessWithin")) {
                throw at.error("context.unlessWithin", "needs 'unlessAfter' to say what it counts from");
            }
            if (ctx.has("phase")) {
                String phase = requiredText(ctx, "phase", at.in("context"));
                if (!phase.equals("opening") && !phase.equals("any")) throw at.error("context.phase", "must be 'opening' or 'any', was '" + phase + "'");
                openingOnly = phase.equals("opening");
            }
        }
        Reframe reframe = null;
        JsonNode rf = node.get("reframe");
        if (category.isPressure()) {
            if (rf == null || !rf.isObject()) throw at.error("reframe", "is required for a " + category + " rule: {\"shift\": \"<mindset id>\", \"ask\": \"<question>\"}");
            unknownFields(rf, REFRAME_FIELDS, at, "reframe");
            String shiftId = requiredText(rf, "shift", at.in("reframe"));
            Shift shift = chart.find(shiftId).orElseThrow(() -> at.error("reframe.shift",
                    "'" + shiftId + "' is not in the mindset chart; known: " + chart.shifts().stream().map(Shift::id).toList()));
            String ask = requiredText(rf, "ask", at.in("reframe"));
            reframe = new Reframe(shift.id(), shift.trust(), ask);
        } else if (rf != null) {
            throw at.error("reframe", "only pressure rules carry a reframe");
        }
        return new Rule(id, category, severity, weight, patterns, unless, guardWindow, unlessInClause, negatable, speaker, after, within, firesUnheard, unlessAfter, unlessWithin, openingOnly, reframe);
    }

    private static List<PhrasePattern> patterns(JsonNode node, String field, Where at, boolean required, Lexicons lexicons) {
        if (node == null || !node.isArray()) throw at.error(field, "must be an array of pattern strings");
        if (required && node.isEmpty()) throw at.error(field, "is empty");
        List<PhrasePattern> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            if (!p.isTextual()) throw at.error(field + "[" + i + "]", "must be a string");
            try {
                out.add(PatternSyntax.parse(p.textValue(), lexicons));
            } catch (IllegalArgumentException e) {
                throw at.error(field + "[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private static void unknownFields(JsonNode node, Set<String> known, Where at, String parent) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw at.error(parent == null ? f : parent + "." + f, "is not a known field (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static String requiredText(JsonNode node, String field, Where at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw at.error(field, "is missing");
        if (!v.isTextual() || v.textValue().isBlank()) throw at.error(field, "must be a non-empty string");
        return v.textValue();
    }

    private static int requiredInt(JsonNode node, String field, Where at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw at.error(field, "is missing");
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw at.error(field, "must be a whole number");
        return v.intValue();
    }

    private static int boundedInt(JsonNode node, String field, int min, int max, Where at) {
        int v = requiredInt(node, field, at);
        if (v < min || v > max) throw at.error(field, "must be from " + min + " to " + max + ", was " + v);
        return v;
    }

    private static double boundedDouble(JsonNode node, String field, double min, double max, Where at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) throw at.error(field, "must be a number");
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) throw at.error(field, "must be from " + min + " to " + max + ", was " + v);
        return d;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String field, Class<E> type, Where at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw at.error(field, "is missing");
        return parseEnum(v, type, at, field);
    }

    private static <E extends Enum<E>> E parseEnum(JsonNode v, Class<E> type, Where at, String field) {
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v.textValue())) return e;
            }
        }
        throw at.error(field, "'" + v.asText() + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** Where in which file an error is, so every message names file, rule and field. */
    private record Where(String file, String rule, String prefix) {
        Where(String file, String rule) {
            this(file, rule, null);
        }

        Where in(String parent) {
            return new Where(file, rule, parent);
        }

        RulePackException error(String field, String problem) {
            StringBuilder sb = new StringBuilder(file).append(": ");
            if (rule != null) sb.append("rule '").append(rule).append("': ");
            if (field != null) sb.append("field '").append(prefix == null ? field : prefix + "." + field).append("' ");
            sb.append(problem);
            return new RulePackException(sb.toString());
        }
    }

    /** A context field naming prospect signals: a non-empty array of OBJECTION, VALUE_CHALLENGE or ASKED. */
    private static Set<Category> signals(JsonNode ctx, String field, Where at) {
        JsonNode a = ctx.get(field);
        String name = "context." + field;
        if (!a.isArray() || a.isEmpty()) throw at.error(name, "must be a non-empty array of prospect signals, e.g. [\"OBJECTION\"]");
        Set<Category> out = EnumSet.noneOf(Category.class);
        for (JsonNode s : a) {
            Category c = parseEnum(s, Category.class, at, name);
            if (c.kind() != Category.Kind.PROSPECT_SIGNAL) throw at.error(name, "'" + c + "' is not a prospect signal (use OBJECTION, VALUE_CHALLENGE or ASKED)");
            out.add(c);
        }
        return out;
    }
}
