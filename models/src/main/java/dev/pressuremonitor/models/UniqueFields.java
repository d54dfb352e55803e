package dev.pressuremonitor.models;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;

import java.io.IOException;
import java.util.Arrays;

/**
 * A parser that refuses a field name given twice in one object, as Jackson's STRICT_DUPLICATE_DETECTION does, for
 * a fraction of the garbage: Jackson's check makes a HashSet per object from its third field on (8% of the server's
 * allocation on its network threads, one event per frame), this one two small arrays per parse. The names of the
 * objects open around the current token sit in one array, each object's from its own start; objects have a few
 * fields, so a linear look is the quick one. Every token passes through {@link #nextToken()}, whoever reads it
 * (the deserializers, {@link #nextValue()}, {@link #skipChildren()}).
 */
final class UniqueFields extends JsonParserDelegate {
    /**
     * Each thread's arrays from its last parse, taken by the next: the server's network threads parse an event per
     * frame. A parse begun while another is open on the same thread (none today) makes its own.
     */
    private static final ThreadLocal<Spare> SPARE = new ThreadLocal<>();

    /** The two arrays, kept between parses. */
    private static final class Spare {
        // an alert's envelope and payload hold some twenty names: room for them from the start
        String[] names = new String[32];
        int[] starts = new int[8];
    }

    private Spare arrays;
    private String[] names;
    private int count;
    /** Where each open object's names begin in {@link #names}, innermost last. */
    private int[] starts;
    private int depth;

    UniqueFields(JsonParser p) {
        super(p);
        arrays = SPARE.get();
        if (arrays != null) SPARE.set(null);
        else arrays = new Spare();
        names = arrays.names;
        starts = arrays.starts;
    }

    /** Closes the parser and leaves this thread its arrays (grown, if this parse grew them) for its next parse. */
    @Override
    public void close() throws IOException {
        delegate.close();
        if (arrays == null) return;
        Arrays.fill(names, null);
        arrays.names = names;
        arrays.starts = starts;
        SPARE.set(arrays);
        arrays = null;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == JsonToken.START_OBJECT) {
            enter();
        } else if (t == JsonToken.END_OBJECT) {
            leave();
        } else if (t == JsonToken.FIELD_NAME) {
            add(delegate.currentName());
        }
        return t;
    }

    @Override
    public JsonToken nextValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.FIELD_NAME ? nextToken() : t;
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        if (delegate.currentToken() != JsonToken.START_OBJECT && delegate.currentToken() != JsonToken.START_ARRAY) return this;
        // read token by token, so the skipped objects are checked and closed too
        for (int open = 1; open > 0; ) {
            JsonToken t = nextToken();
            if (t == null) return this;
            if (t.isStructStart()) open++;
            else if (t.isStructEnd()) open--;
        }
        return this;
    }

    private void enter() {
        if (depth == starts.length) starts = Arrays.copyOf(starts, depth * 2);
        starts[depth++] = count;
    }

    /** An object ends: its names are forgotten (the parser has checked that each end closes an object begun). */
    private void leave() {
        count = starts[--depth];
    }

    /** A name in the innermost open object (a name comes only inside one). */
    private void add(String name) throws JsonParseException {
        for (int i = starts[depth - 1]; i < count; i++) {
            // Jackson's names are interned, so == nearly always decides
            if (names[i] == name || names[i].equals(name)) throw new JsonParseException(delegate, "Duplicate field '" + name + "'");
        }
        if (count == names.length) names = Arrays.copyOf(names, count * 2);
        names[count++] = name;
    }
}
