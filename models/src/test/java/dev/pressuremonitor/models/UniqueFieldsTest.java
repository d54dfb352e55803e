package dev.pressuremonitor.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser the one-pass decoding reads events with: a name given twice in one object is refused, however it is read. */
class UniqueFieldsTest {

    private static JsonParser parser(String json) throws IOException {
        return new UniqueFields(Json.mapper().getFactory().createParser(json));
    }

    /** A parser moved on to its {@code tokens}-th token, which is {@code expected}. */
    private static JsonParser parserAt(String json, int tokens, JsonToken expected) throws IOException {
        JsonParser p = parser(json);
        for (int i = 1; i < tokens; i++) p.nextToken();
        assertThat(p.nextToken()).isEqualTo(expected);
        return p;
    }

    /** Reads every token with {@code nextToken}, as the deserializers do. */
    private static int readAll(String json) throws IOException {
        int n = 0;
        try (JsonParser p = parser(json)) {
            while (p.nextToken() != null) n++;
        }
        return n;
    }

    @Test
    void aNameRepeatedInOneObjectIsRefusedNamingIt() {
        assertThatThrownBy(() -> readAll("{\"a\":1,\"b\":2,\"a\":3}")).hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> readAll("{\"o\":{\"x\":[1],\"y\":{},\"x\":2}}")).hasMessageContaining("Duplicate field 'x'");
    }

    @Test
    void theSameNameInSiblingOrNestedObjectsIsNoRepetition() throws IOException {
        assertThat(readAll("[{\"a\":1},{\"a\":2}]")).isEqualTo(10);
        assertThat(readAll("{\"a\":{\"a\":{\"a\":1}},\"b\":{\"a\":2}}")).isEqualTo(15);
        // a name seen in an object that has closed is forgotten with it
        assertThat(readAll("{\"o\":{\"x\":1},\"x\":2}")).isEqualTo(9);
    }

    @Test
    void deepAndWideObjectsAreTrackedPastTheFirstArraysSizes() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 40; i++) deep.append("{\"k").append(i % 3).append("\":");
        deep.append("{\"a\":1,\"a\":2}").append("}".repeat(40));
        assertThatThrownBy(() -> readAll(deep.toString())).hasMessageContaining("Duplicate field 'a'");
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 40; i++) wide.append("\"f").append(i).append("\":").append(i).append(',');
        assertThatThrownBy(() -> readAll(wide + "\"f3\":0}")).hasMessageContaining("Duplicate field 'f3'");
    }

    @Test
    void eachParseStartsWithNoNamesSeenWhateverTheLastParseOnItsThreadLeft() throws IOException {
        // a parse refused mid-object, then one left open by a wide object: neither leaves its names to the next
        assertThatThrownBy(() -> readAll("{\"a\":{\"b\":1,\"b\":2}}")).hasMessageContaining("Duplicate field 'b'");
        assertThat(readAll("{\"b\":1,\"a\":2}")).isEqualTo(6);
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 300; i++) wide.append("\"f").append(i).append("\":").append(i).append(',');
        assertThat(readAll(wide + "\"last\":0}")).isEqualTo(2 * 301 + 2);
        assertThat(readAll("{\"f1\":1,\"last\":2}")).isEqualTo(6);
        // two parses open at once on one thread each keep their own names
        try (JsonParser outer = parserAt("{\"x\":1,\"y\":{\"z\":1}}", 3, JsonToken.VALUE_NUMBER_INT)) {
            assertThatThrownBy(() -> readAll("{\"x\":1,\"x\":2}")).hasMessageContaining("Duplicate field 'x'");
            while (outer.nextToken() != null) { }
        }
    }

    @Test
    void skippingAnObjectStillChecksItAndLeavesItClosed() throws IOException {
        try (JsonParser p = parserAt("{\"skip\":{\"x\":1,\"x\":2},\"y\":3}", 3, JsonToken.START_OBJECT)) {
            assertThatThrownBy(p::skipChildren).hasMessageContaining("Duplicate field 'x'");
        }
        try (JsonParser p = parserAt("{\"skip\":{\"x\":{\"z\":1}},\"x\":3,\"skip2\":1}", 3, JsonToken.START_OBJECT)) {
            assertThat(p.skipChildren()).isSameAs(p);
            assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            // the skipped object's names were its own: x at the top is new there
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("x");
        }
    }

    @Test
    void skippingAValueThatHoldsNothingDoesNothingAndSkippingInputCutShortSaysSo() throws IOException {
        try (JsonParser p = parserAt("{\"a\":1,\"b\":2}", 3, JsonToken.VALUE_NUMBER_INT)) {
            assertThat(p.skipChildren()).isSameAs(p);
            assertThat(p.currentToken()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
            assertThat(p.currentName()).isEqualTo("b");
        }
        try (JsonParser p = parserAt("[[1, 2", 1, JsonToken.START_ARRAY)) {
            assertThatThrownBy(p::skipChildren).hasMessageContaining("end-of-input");
        }
    }

    @Test
    void readingValueByValueChecksTheNamesItSteppedOver() throws IOException {
        try (JsonParser p = parser("{\"a\":1,\"a\":2}")) {
            assertThat(p.nextValue()).isEqualTo(JsonToken.START_OBJECT);
            assertThat(p.nextValue()).isEqualTo(JsonToken.VALUE_NUMBER_INT);
            assertThatThrownBy(p::nextValue).hasMessageContaining("Duplicate field 'a'");
        }
    }
}
