package dev.pressuremonitor.agent.detect.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.TeamModelFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * A trained second opinion as {@code pressure-monitor train} writes it: the head, how its features are made, the
 * confidence each category needs before it speaks, and whether it may nudge live or only mark possible moments.
 */
public record LearnedModel(LinearHead head, int hashSlots, double hashWeight, Map<Category, Double> thresholds, boolean live) {
    public static final String SHIPPED = "/seeds/learned/head.json";
    static final String FORMAT = "pressure-monitor-learned/1";

    public LearnedModel {
        if (!head.labels().get(0).equals("NONE")) throw new IllegalArgumentException("the head's first label must be NONE");
        for (String l : head.labels().subList(1, head.labels().size())) {
            if (!Category.valueOf(l).isPressure()) throw new IllegalArgumentException(l + " is not a pressure category");
        }
        thresholds = Map.copyOf(thresholds);
    }

    /** The model shipped in the jar. */
    public static LearnedModel shipped() throws IOException {
        try (InputStream in = LearnedModel.class.getResourceAsStream(SHIPPED)) {
            if (in == null) throw new IOException("the shipped model " + SHIPPED + " is not on the class path (a broken build?)");
            return read(in, "the shipped model");
        }
    }

    public static LearnedModel read(InputStream in, String source) throws IOException {
        byte[] bytes = in.readAllBytes();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IOException(source + " is not readable JSON; write it again with 'pressure-monitor train'");
        }
        if (root != null && TeamModelFile.FORMAT.equals(root.path("format").asText())) return fromTeamFile(bytes, source);
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(source + " is not a model written by 'pressure-monitor train' (no format " + FORMAT + ")");
        }
        JsonNode f = root.path("features");
        int slots = f.path("hashSlots").asInt(-1);
        double weight = f.path("hashWeight").asDouble(Double.NaN);
        // no slots at all would leave the turn's words nowhere to go: every line judged live would fail
        if (slots < 1 || Double.isNaN(weight)) throw new IOException(source + ": 'features' needs hashSlots (at least 1) and hashWeight; train it again");
        Map<Category, Double> thresholds = new EnumMap<>(Category.class);
        for (var it = root.path("thresholds").fields(); it.hasNext(); ) {
            var e = it.next();
            try {
                thresholds.put(Category.valueOf(e.getKey()), e.getValue().asDouble());
            } catch (IllegalArgumentException bad) {
                throw new IOException(source + ": threshold for unknown category '" + e.getKey() + "'");
            }
        }
        LinearHead head = LinearHead.read(new ByteArrayInputStream(root.path("head").toString().getBytes(StandardCharsets.UTF_8)), source);
        try {
            return new LearnedModel(head, slots, weight, thresholds, root.path("live").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }

    /** The model inside a team model file, once its checksum is right; a refit that was refused is not used. */
    private static LearnedModel fromTeamFile(byte[] bytes, String source) throws IOException {
        try {
            return of(TeamModelFile.read(bytes), source);
        } catch (DecodeException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
    }

    /** The model inside a team model file already read (and so checked); a refit that was refused is not used. */
    public static LearnedModel of(TeamModelFile file, String source) throws IOException {
        if (!file.accepted()) {
            throw new IOException(source + " holds a refit that 'train' refused (it lowered precision); keep the model in use, or train again with more marks");
        }
        return read(new ByteArrayInputStream(file.modelBytes()), source + " (team " + file.team() + ")");
    }

    public void write(OutputStream out, ObjectNode about) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.set("about", about);
        root.put("live", live);
        ObjectNode f = root.putObject("features");
        f.put("encoder", SentenceEncoder.DESCRIPTION + "; the prospect's previous turn the same");
        f.put("hashSlots", hashSlots);
        f.put("hashWeight", hashWeight);
        ObjectNode t = root.putObject("thresholds");
        for (Category c : Category.pressure()) if (thresholds.containsKey(c)) t.put(c.name(), thresholds.get(c));
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        head.write(h, mapper.createObjectNode());
        root.set("head", mapper.readTree(h.toByteArray()));
        mapper.writerWithDefaultPrettyPrinter().writeValue(out, root);
    }
}
