package dev.pressuremonitor.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertReaderTest {
    private static final Reframe REFRAME = new Reframe("never-chase", "Never chase; get to the truth about fit.", "What changed?");
    private static final String PLAIN = "{\"category\":\"CHASE\",\"rule\":\"chase.load\",\"phrase\":\"just checking in\",\"severity\":\"MEDIUM\","
            + "\"speaker\":\"REP\",\"start\":1.5,\"end\":2,\"nudge\":true,\"reframe\":{\"shift\":\"never-chase\",\"trust\":\"t\",\"ask\":\"a\"}}";

    private static Alert read(String json) throws IOException {
        try (JsonParser p = new UniqueFields(Json.mapper().getFactory().createParser(json))) {
            p.nextToken();
            Alert a = AlertReader.read(p);
            if (a != null) assertThat(p.currentToken()).as("left on the alert's closing brace").isEqualTo(JsonToken.END_OBJECT);
            return a;
        }
    }

    @Test
    void readsEveryAlertAnAgentWritesAsDataBindingReadsIt() throws Exception {
        for (Alert a : List.of(
                new Alert(Category.CHASE, "chase.just-checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 1.0, 2.1, true, REFRAME),
                new Alert(Category.DEFEND, "defend.price", "it's worth every \"penny\" \\ really", Severity.HIGH, Speaker.REP, 0, 86_400, false, REFRAME),
                new Alert(Category.URGENCY, "urgency.today", "nur heute, ça coûte 5 € \ud83d\ude00", Severity.LOW, Speaker.PROSPECT, 12.345678901234567, 13, true,
                        new Reframe("remove-pressure", "tab\tand\nnewline", "¿qué?")))) {
            String json = Json.write(a);
            assertThat(read(json)).as(json).isEqualTo(a).isEqualTo(Json.read(json, Alert.class));
        }
        assertThat(read(PLAIN)).isEqualTo(Json.read(PLAIN, Alert.class));
    }

    /** Each of these the strict reading accepts (as data binding does) or refuses naming the fault; this one leaves them all to it. */
    @Test
    void leavesEveryOtherShapeToTheStrictReading() throws Exception {
        List<String> others = List.of(
                PLAIN.replace("\"start\":1.5", "\"start\":\"1.5\""),
                PLAIN.replace("\"nudge\":true", "\"nudge\":1"),
                PLAIN.replace("\"category\":\"CHASE\"", "\"category\":\"chase\""),
                PLAIN.replace("\"category\":\"CHASE\"", "\"category\":3"),
                PLAIN.replace("\"category\":\"CHASE\"", "\"category\":\"TRUST\""),
                PLAIN.replace("\"rule\":\"chase.load\"", "\"rule\":null"),
                PLAIN.replace("\"rule\":\"chase.load\"", "\"rule\":\"a\\u0000b\""),
                PLAIN.replace("\"phrase\":\"just checking in\"", "\"phrase\":\"\\ud800 alone\""),
                PLAIN.replace("\"phrase\":\"just checking in\"", "\"phrase\":7"),
                PLAIN.replace("\"start\":1.5", "\"start\":-1"),
                PLAIN.replace("\"ask\":\"a\"", "\"ask\":\" \""),
                PLAIN.replace(",\"end\":2", ""),
                PLAIN.replace("\"ask\":\"a\"", "\"ask\":\"a\",\"extra\":1"),
                PLAIN.replace("{\"category\"", "{\"extra\":1,\"category\""),
                PLAIN.replace("\"reframe\":{\"shift\":\"never-chase\",\"trust\":\"t\",\"ask\":\"a\"}", "\"reframe\":\"never-chase\""));
        for (String json : others) {
            assertThat(read(json)).as(json).isNull();
        }
        // the strict reading still takes a number given as text for a number, as it always has
        assertThat(Json.read(others.get(0), Alert.class).start()).isEqualTo(1.5);
    }

    /**
     * A value of the wrong shape ends the reading there: an object given for "rule", holding a "rule" of its own as the
     * alert's last field, is not read as the alert's rule (nor its closing brace as the alert's).
     */
    @Test
    void neverReadsInsideAValueOfTheWrongShapeAsIfItWereTheAlert() throws Exception {
        String nested = PLAIN.replace("\"rule\":\"chase.load\",", "").replace("}}", "},\"rule\":{\"rule\":\"chase.load\"}}");
        assertThat(read(nested)).isNull();
        String nestedReframe = PLAIN.replace("\"trust\":\"t\"", "\"trust\":{\"trust\":\"t\"}");
        assertThat(read(nestedReframe)).isNull();
    }

    /** What a summary reads back from the store: the same alert whichever reading takes it, and the same faults named. */
    @Test
    void readsStoredAlertsAsDataBindingDoesAndRefusesWhatItRefuses() throws Exception {
        Alert a = new Alert(Category.URGENCY, "urgency.today", "nur heute, ça coûte 5 € \ud83d\ude00", Severity.LOW, Speaker.PROSPECT, 12.5, 13, true, REFRAME);
        byte[] stored = Json.write(a).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(EventCodec.readPayload(EventType.ALERT, stored)).isEqualTo(a);
        // another shape, left to the strict reading, which still takes it
        byte[] numberAsText = PLAIN.replace("\"start\":1.5", "\"start\":\"1.5\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(EventCodec.readPayload(EventType.ALERT, numberAsText)).isEqualTo(Json.read(PLAIN, Alert.class));
        for (String bad : List.of(PLAIN + " {}", PLAIN.replace("\"start\":1.5", "\"start\":-1"), "", PLAIN.substring(0, 40))) {
            byte[] utf8 = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String strict = org.assertj.core.api.Assertions.catchThrowableOfType(() -> Json.read(utf8, Alert.class), DecodeException.class).getMessage();
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> EventCodec.readPayload(EventType.ALERT, utf8), DecodeException.class))
                    .as(bad).hasMessage(strict);
        }
    }
}
