package dev.pressuremonitor.agent.detect.learned;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Embeddings already computed, kept on disk so a second {@code train} does not run the sentence model over the
 * corpus again: one file per encoder (its {@link SentenceEncoder#id()}), one record per text, keyed by the SHA-256
 * of the text. A record cut short by a crash is ignored and recomputed. Not thread-safe.
 *
 * <p>The encoder is given as its id and its function, so the cache can be tested with a stand-in for the
 * sentence model.
 */
public final class EmbeddingCache {
    private static final int MAGIC = 0x504d_4531; // "PME1"

    private final Path file;
    private final Function<String, float[]> encoder;
    private final Map<String, float[]> known = new HashMap<>();
    private final Map<String, float[]> added = new LinkedHashMap<>();
    private int computed;

    private EmbeddingCache(Path file, Function<String, float[]> encoder) {
        this.file = file;
        this.encoder = encoder;
    }

    /**
     * The cache of an encoder under {@code dir}, with what an earlier run left there.
     *
     * @param encoderId which encoder it is ({@link SentenceEncoder#id()}): another encoder's vectors are kept apart
     * @param encoder   a text's embedding, computed when the cache does not have it
     */
    public static EmbeddingCache open(Path dir, String encoderId, Function<String, float[]> encoder) throws IOException {
        EmbeddingCache c = new EmbeddingCache(dir.resolve("embeddings-" + encoderId.replaceAll("[^A-Za-z0-9.@-]", "_") + ".bin"), encoder);
        c.load();
        return c;
    }

    public Path file() {
        return file;
    }

    /** The embedding of a text, from the cache or computed now (and kept for {@link #save()}). */
    public float[] embed(String text) {
        String key = key(text);
        float[] v = known.get(key);
        if (v == null) {
            v = encoder.apply(text);
            computed++;
            known.put(key, v);
            added.put(key, v);
        }
        return v;
    }

    /** How many texts the sentence model had to embed since the cache was opened. */
    public int computed() {
        return computed;
    }

    /** Appends what was computed since the last save. */
    public void save() throws IOException {
        if (added.isEmpty()) return;
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        try (OutputStream o = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(o))) {
            if (fresh) out.writeInt(MAGIC);
            for (Map.Entry<String, float[]> e : added.entrySet()) {
                out.write(java.util.HexFormat.of().parseHex(e.getKey()));
                out.writeShort(e.getValue().length);
                for (float f : e.getValue()) out.writeFloat(f);
            }
        }
        added.clear();
    }

    private void load() throws IOException {
        long good = 0;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) throw new IOException(file + " is not an embedding cache; delete it and train again");
            good = 4;
            byte[] hash = new byte[32];
            while (true) {
                in.readFully(hash);
                float[] v = new float[in.readUnsignedShort()];
                for (int i = 0; i < v.length; i++) v[i] = in.readFloat();
                known.put(java.util.HexFormat.of().formatHex(hash), v);
                good += 32 + 2 + 4L * v.length;
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (EOFException e) {
            // the end of what was cached; a record cut short by a crash is dropped, so appends stay aligned
        }
        if (Files.size(file) > good) {
            try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(good);
            }
        }
    }

    static String key(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
