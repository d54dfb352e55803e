package dev.pressuremonitor.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A team's own labelled lines, as {@code feedback export} writes them: the corpus format with {@code domain} set
 * to the team, and optionally the {@code call} a line came from and the {@code rule} that nudged (other fields are
 * kept by the exporter for people and ignored here).
 */
record TeamLines(String id, String team, String call, String rule, String text, String context, Category gold) {
    /** One call in this many is held out of the refit to score it (at least one call, once there are two). */
    static final int HOLD_OUT_EVERY = 5;

    static List<TeamLines> read(List<Path> files) {
        List<TeamLines> out = new ArrayList<>();
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserException("no such feedback file: " + file + " (write one with 'pressure-monitor feedback export --team T > FILE')");
            } catch (IOException e) {
                throw new UserException("cannot read " + file + ": " + e.getMessage());
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                try {
                    out.add(parse(lines.get(i)));
                } catch (DecodeException | IllegalArgumentException e) {
                    throw new UserException(file + ":" + (i + 1) + ": " + e.getMessage() + " (fix or remove the line; every feedback line is used)");
                }
            }
        }
        return out;
    }

    static TeamLines parse(String line) throws DecodeException {
        JsonNode n = Json.readTree(line);
        if (!n.isObject()) throw new DecodeException("expected a JSON object like {\"id\":\"1\",\"domain\":\"emea\",\"text\":\"...\",\"label\":\"NONE\"}");
        String id = required(n, "id"), team = required(n, "domain"), text = required(n, "text");
        Category gold = CorpusLines.label(optional(n, "label"));
        return new TeamLines(id, team, optional(n, "call"), optional(n, "rule"), text, optional(n, "context"), gold);
    }

    private static String required(JsonNode n, String field) throws DecodeException {
        String v = optional(n, field);
        if (v == null || v.isBlank()) throw new DecodeException("missing field '" + field + "'");
        return v;
    }

    private static String optional(JsonNode n, String field) throws DecodeException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() && !v.isIntegralNumber()) throw new DecodeException("field '" + field + "' must be a string");
        return v.asText();
    }

    /** What held-out slices are drawn by: the call, or the line itself when the exporter did not name the call. */
    String group() {
        return call != null ? "call " + call : "line " + id;
    }

    /**
     * The deterministic held-out slice: calls ordered by the SHA-256 of team and call, and the first of every
     * {@value #HOLD_OUT_EVERY} (rounded up) kept out of the refit. All lines of one call stay on one side, so the
     * slice scores the refit on calls it never saw. With a single call nothing is held out.
     */
    static Map<Boolean, List<TeamLines>> holdOut(List<TeamLines> lines) {
        TreeMap<String, List<TeamLines>> byHash = new TreeMap<>();
        for (TeamLines l : lines) byHash.computeIfAbsent(sha256(l.team() + "\n" + l.group()), k -> new ArrayList<>()).add(l);
        int groups = byHash.size(), held = groups < 2 ? 0 : (groups + HOLD_OUT_EVERY - 1) / HOLD_OUT_EVERY;
        List<TeamLines> train = new ArrayList<>(), test = new ArrayList<>();
        int i = 0;
        for (List<TeamLines> g : byHash.values()) (i++ < held ? test : train).addAll(g);
        return Map.of(true, test, false, train);
    }

    static int groups(List<TeamLines> lines) {
        return (int) lines.stream().map(TeamLines::group).distinct().count();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
