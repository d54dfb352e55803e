package dev.pressuremonitor.models;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A team's refitted learned model as {@code train --with-feedback} writes it, the server stores and agents use:
 * versioned ({@value #FORMAT}), for one team, made for one sentence encoder, with the comparison against the model
 * it was refitted from and whether it passed, and a SHA-256 over everything else in the file.
 * <p>
 * The checksum is taken over the file's canonical form: its JSON without the {@code sha256} field, written compactly
 * in field order with numbers exactly as written (never re-rounded), so re-indenting the file keeps it valid and
 * any changed value does not.
 *
 * @param model the learned model itself (the JSON {@code train --out} writes), opaque here
 */
public record TeamModelFile(String format, String team, Instant createdAt, String baseEncoder, boolean accepted,
                            JsonNode comparison, JsonNode model, String sha256) {
    public static final String FORMAT = "pressure-monitor-team-model/1";
    /** Team model files are a few hundred kilobytes; anything far larger is not one. */
    public static final int MAX_BYTES = 16 << 20;

    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** A new file for {@code team}: the checksum is computed here. */
    public static byte[] write(String team, Instant createdAt, String baseEncoder, boolean accepted, JsonNode comparison, JsonNode model) {
        ObjectNode root = EXACT.createObjectNode();
        root.put("format", FORMAT);
        root.put("team", team);
        root.put("createdAt", createdAt.toString());
        root.put("baseEncoder", baseEncoder);
        root.put("accepted", accepted);
        root.set("comparison", comparison);
        root.set("model", model);
        try {
            // numbers as the reader will see them, so the checksum written is the checksum read
            ObjectNode exact = (ObjectNode) EXACT.readTree(EXACT.writeValueAsBytes(root));
            exact.put("sha256", checksum(exact));
            return EXACT.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(exact);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a team model file: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and checks a file: its format, its fields, and that its checksum matches its content.
     *
     * @throws DecodeException saying what is wrong and what to do
     */
    public static TeamModelFile read(byte[] bytes) throws DecodeException {
        if (bytes.length > MAX_BYTES) throw new DecodeException("the file is " + bytes.length + " bytes; a team model is far smaller: is it the right file?");
        JsonNode root;
        try {
            root = EXACT.readTree(bytes);
        } catch (IOException e) {
            throw new DecodeException("not a team model file: not readable JSON (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + "); write it again with 'pressure-monitor train --with-feedback'");
        }
        if (root == null || !root.isObject()) throw new DecodeException("not a team model file: expected a JSON object; write it with 'pressure-monitor train --with-feedback'");
        String format = root.path("format").asText("");
        if (!FORMAT.equals(format)) {
            throw new DecodeException("not a team model file of format " + FORMAT + " (format '" + format + "'); write it with 'pressure-monitor train --with-feedback'"
                    + " (a file from 'train --out' alone is not for a team)");
        }
        String team = text(root, "team"), created = text(root, "createdAt"), encoder = text(root, "baseEncoder"), sha = text(root, "sha256");
        if (!root.path("accepted").isBoolean()) throw new DecodeException("field 'accepted' must be true or false");
        if (!root.path("model").isObject()) throw new DecodeException("field 'model' must be the learned model object");
        Instant at;
        try {
            at = Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            throw new DecodeException("field 'createdAt' must be an ISO instant such as 2026-11-28T12:00:00Z, was '" + created + "'");
        }
        String actual = checksum((ObjectNode) root);
        if (!actual.equals(sha)) {
            throw new DecodeException("checksum mismatch: the file says sha256 " + sha + " but its content hashes to " + actual
                    + "; the file was changed or cut short after 'train' wrote it: copy it again, or train again");
        }
        return new TeamModelFile(format, team, at, encoder, root.get("accepted").booleanValue(), root.path("comparison"), root.get("model"), sha);
    }

    /** The model part as bytes, for a reader of learned models. */
    public byte[] modelBytes() {
        try {
            return EXACT.writeValueAsBytes(model);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode root, String field) throws DecodeException {
        JsonNode v = root.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) throw new DecodeException("missing field '" + field + "' (a text)");
        return v.textValue();
    }

    /** SHA-256 (hex) of the canonical form: the object without its sha256 field, compact, numbers as read. */
    static String checksum(ObjectNode root) {
        ObjectNode copy = root.deepCopy();
        copy.remove("sha256");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(EXACT.writeValueAsString(copy).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
