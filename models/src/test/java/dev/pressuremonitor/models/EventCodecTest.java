package dev.pressuremonitor.models;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final Reframe REFRAME = new Reframe("never-chase", "Never chase; get to the truth about fit.",
            "Has anything changed on your side since we last spoke?");

    @Test
    void everyEventTypeSurvivesARoundTrip() throws DecodeException {
        List<Event> events = List.of(
                new CallStarted("ana", "emea", 1_764_300_000_000L, true),
                new TranscriptSegment(Speaker.REP, false, List.of(new Word("just", 1.0, 1.2, 0.9), new Word("checking", 1.2, 1.6, 1.0))),
                new Alert(Category.CHASE, "chase.just-checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 1.0, 2.1, true, REFRAME),
                new TrustSignal("trust.open-question", "what would need to be true", 5.0, 6.2),
                new MetricsSnapshot(12.5, 0.61, 40.0, 55.0, 3.0, 150.0, 2, 1, 0, null, 37, List.of("monologue-long")),
                new CallEnded(301.5, "hangup"));
        long seq = 1;
        for (Event e : events) {
            Envelope env = new Envelope("call-1", seq++, 1_764_300_000_123L, e);
            String json = EventCodec.encode(env);
            assertThat(EventCodec.decode(json)).isEqualTo(env);
        }
    }

    /** One well-formed event of every type. */
    private static List<Envelope> oneOfEachType() {
        List<Envelope> envs = new java.util.ArrayList<>();
        for (Event e : List.of(new CallStarted("ana", "emea", 1_764_300_000_000L, true),
                new TranscriptSegment(Speaker.REP, true, List.of(new Word("so", 1.0, 1.2, 0.9))),
                new Alert(Category.CHASE, "chase.just-checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 1.0, 2.1, true, REFRAME),
                new TrustSignal("trust.open-question", "what would need to be true", 5.0, 6.2),
                new MetricsSnapshot(12.5, 0.61, 40.0, 55.0, 3.0, 150.0, 2, 1, 0, null, 37, List.of("monologue-long")),
                new CallEnded(301.5, "hangup"))) {
            envs.add(new Envelope("call-1:a_b.c", envs.size() + 1, 1_764_300_000_123L, e));
        }
        return envs;
    }

    @Test
    void aWellFormedEventOfEveryTypeIsReadInOnePassWithoutATree() {
        for (Envelope env : oneOfEachType()) {
            assertThat(EventCodec.decodeInOnePass(EventCodec.encode(env)).envelope()).isEqualTo(env);
        }
    }

    /** What an agent sends is the canonical encoding, so a store keeping the payload as it arrived keeps exactly that. */
    @Test
    void thePayloadOfAnAgentsEventIsKeptAsItsCanonicalEncoding() throws DecodeException {
        for (Envelope env : oneOfEachType()) {
            assertThat(EventCodec.decodeKeepingPayload(EventCodec.encode(env)).payload()).isEqualTo(Json.write(env.data()));
        }
    }

    @Test
    void thePayloadIsKeptAsItArrivedSpacesAndAll() throws DecodeException {
        String json = "{\"type\": \"call_ended\", \"callId\": \"c\", \"seq\": 1, \"ts\": 1, \"data\": { \"reason\" : \"x\", \"duration\": 1 } }";
        EventCodec.Decoded d = EventCodec.decodeKeepingPayload(json);
        assertThat(d.envelope()).isEqualTo(new Envelope("c", 1, 1, new CallEnded(1, "x")));
        assertThat(d.payload()).isEqualTo("{ \"reason\" : \"x\", \"duration\": 1 }");
    }

    /**
     * Read from the wire's UTF-8, the payload is found by counting bytes: with letters of two, three and four bytes
     * in it, a count in characters would cut it short.
     */
    @Test
    void thePayloadReadFromUtf8IsKeptWholeWhateverTheLettersInIt() throws DecodeException {
        String phrase = "ça suffit \u2014 on y va \ud83d\ude00 日本", callId = "call-1:a_b.c";
        String json = EventCodec.encode(oneOfEachType().get(2)).replace("just checking in", phrase);
        String data = json.substring(json.indexOf("\"data\":") + 7, json.length() - 1);
        EventCodec.Decoded d = EventCodec.decodeKeepingPayload(json.getBytes(StandardCharsets.UTF_8));
        assertThat(d.payload()).isEqualTo(data).endsWith("}").contains(phrase);
        assertThat(d.envelope().callId()).isEqualTo(callId);
        assertThat(((Alert) d.envelope().data()).phrase()).isEqualTo(phrase);
        assertThat(d).isEqualTo(EventCodec.decodeKeepingPayload(json));
    }

    /** The frame's bytes are the payload's text, not a copy: equal decodings are those of the same event and text. */
    @Test
    void aDecodingFromTheFramesBytesPointsIntoThemAndEqualsOnlyTheSameEventAndText() throws DecodeException {
        String json = "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"reason\":\"été\",\"duration\":1}}";
        byte[] frame = json.getBytes(StandardCharsets.UTF_8);
        EventCodec.Decoded d = EventCodec.decodeKeepingPayload(frame);
        assertThat(d.text()).isSameAs(frame);
        assertThat(d.keptPayload()).isTrue();
        assertThat(new String(frame, d.payloadFrom(), d.payloadTo() - d.payloadFrom(), StandardCharsets.UTF_8)).isEqualTo("{\"reason\":\"été\",\"duration\":1}");
        EventCodec.Decoded spaced = EventCodec.decodeKeepingPayload(json.replace(",\"duration", ", \"duration"));
        EventCodec.Decoded bare = EventCodec.Decoded.withoutPayload(d.envelope());
        assertThat(d).isEqualTo(EventCodec.decodeKeepingPayload(json)).hasSameHashCodeAs(EventCodec.decodeKeepingPayload(json))
                .isNotEqualTo(spaced).isNotEqualTo(bare).isNotEqualTo(d.envelope());
        assertThat(spaced.envelope()).isEqualTo(d.envelope());
        assertThat(bare).isEqualTo(EventCodec.Decoded.withoutPayload(d.envelope())).isNotEqualTo(d);
        assertThat(bare.keptPayload()).isFalse();
        assertThat(bare.payload()).isNull();
        assertThat(d.toString()).contains("reason", "été");
    }

    @Test
    void anEventTheOnePassReadingLeavesIsReadFromUtf8AsATree() throws DecodeException {
        String json = "{\"data\":{\"duration\":1,\"reason\":\"fin – été\"},\"ts\":1,\"seq\":1,\"callId\":\"c\",\"type\":\"call_ended\"}";
        EventCodec.Decoded d = EventCodec.decodeKeepingPayload(json.getBytes(StandardCharsets.UTF_8));
        assertThat(d.envelope()).isEqualTo(new Envelope("c", 1, 1, new CallEnded(1, "fin – été")));
        assertThat(d.payload()).isNull();
    }

    @Test
    void anEnvelopeReadAsATreeKeepsNoPayloadText() throws DecodeException {
        String json = "{\"data\":{\"duration\":1,\"reason\":\"x\"},\"ts\":1,\"seq\":1,\"callId\":\"c\",\"type\":\"call_ended\"}";
        assertThat(EventCodec.decodeKeepingPayload(json).payload()).isNull();
    }

    /**
     * The two readings are kept apart by hand, so they are held to each other here: every text one character away
     * from a valid event (one dropped, doubled or turned into a digit) that the one-pass reading accepts, the strict
     * reading accepts too, as the same event, and the payload text it keeps reads back as the same payload.
     */
    @Test
    void theOnePassReadingAcceptsNothingTheStrictReadingRefuses() {
        int acceptedVariants = 0;
        for (Envelope env : oneOfEachType()) {
            String json = EventCodec.encode(env);
            for (int i = 0; i < json.length(); i++) {
                String head = json.substring(0, i), tail = json.substring(i + 1);
                char c = json.charAt(i);
                for (String variant : List.of(head + tail, head + c + c + tail, head + '7' + tail)) {
                    EventCodec.Decoded decoded = EventCodec.decodeInOnePass(variant);
                    // read from the wire's bytes it is the same event, its payload the same text
                    assertThat(EventCodec.decodeInOnePass(variant.getBytes(StandardCharsets.UTF_8))).as(variant).isEqualTo(decoded);
                    if (decoded == null) continue;
                    Envelope quick = decoded.envelope();
                    acceptedVariants++;
                    try {
                        assertThat(EventCodec.decodeAsTree(variant)).as(variant).isEqualTo(quick);
                        // the payload's text as kept reads back as the very same payload, token by token or as a
                        // tree (as the store reads its events back)
                        assertThat(Json.read(decoded.payload(), quick.type().payloadClass())).as(variant).isEqualTo(quick.data());
                        assertThat(Json.convert(Json.readTree(decoded.payload()), quick.type().payloadClass())).as(variant).isEqualTo(quick.data());
                    } catch (DecodeException e) {
                        throw new AssertionError("accepted in one pass but refused by the strict reading: " + variant + " (" + e.getMessage() + ")", e);
                    }
                }
            }
        }
        assertThat(acceptedVariants).as("variants that are still valid events (digits changed, say)").isPositive();
    }

    @Test
    void theOnePassReadingLeavesEveryFaultToTheStrictReadingWhichNamesIt() {
        String data = "{\"duration\":1,\"reason\":\"x\"}";
        List<String> faulty = List.of(
                "{\"type\":\"call_ended\",\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"duration\":1,\"duration\":2,\"reason\":\"x\"}}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":" + data + "} {}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1.5,\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":\"1\",\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":99999999999999999999,\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":0,\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":null,\"seq\":1,\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":" + data + ",\"extra\":1}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"duration\":1,\"reason\":\"x\",\"extra\":1}}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"data\":" + data + "}",
                "{\"type\":\"gossip\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":" + data + "}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":null}",
                "{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":" + data,
                "[]", "", "   ");
        for (String json : faulty) {
            assertThat(EventCodec.decodeInOnePass(json)).as(json).isNull();
            assertThat(EventCodec.decodeInOnePass(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
            assertThatThrownBy(() -> EventCodec.decodeKeepingPayload(json.getBytes(StandardCharsets.UTF_8))).as(json).isInstanceOf(DecodeException.class);
            assertThatThrownBy(() -> EventCodec.decode(json)).as(json).isInstanceOf(DecodeException.class);
        }
    }

    /**
     * Text given as a number (or true/false) is refused by both readings, naming the field: the one-pass reading
     * took 1e2 as the phrase "1e2", the store kept the payload as it came, and reading the stored event back (as a
     * tree) gave "100.0", so the report showed other words than the event the server had acknowledged.
     */
    @Test
    void textGivenAsANumberIsRefusedNamingTheField() {
        String alert = "{\"type\":\"alert\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"category\":\"URGENCY\",\"rule\":\"r\","
                + "\"phrase\":%s,\"severity\":\"HIGH\",\"speaker\":\"REP\",\"start\":1,\"end\":2,\"nudge\":true,"
                + "\"reframe\":{\"shift\":\"s\",\"trust\":\"t\",\"ask\":\"a\"}}}";
        for (String number : List.of("1e2", "1.10", "1e400", "7")) {
            String json = String.format(alert, number);
            assertThat(EventCodec.decodeInOnePass(json)).as(json).isNull();
            assertThat(EventCodec.decodeInOnePass(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
            assertThatThrownBy(() -> EventCodec.decodeKeepingPayload(json.getBytes(StandardCharsets.UTF_8))).as(json).isInstanceOf(DecodeException.class);
            assertThatThrownBy(() -> EventCodec.decode(json)).as(json)
                    .hasMessage("alert.data: field 'phrase': expected text in double quotes, found a number");
        }
        assertThatThrownBy(() -> EventCodec.decode(String.format(alert, "true")))
                .hasMessage("alert.data: field 'phrase': expected text in double quotes, found true or false");
    }

    @Test
    void aNumberInAListOfTextIsRefusedNamingItsPlace() {
        String metrics = EventCodec.encode(oneOfEachType().get(4)).replace("[\"monologue-long\"]", "[\"monologue-long\",1e2]");
        assertThat(EventCodec.decodeInOnePass(metrics)).isNull();
        assertThatThrownBy(() -> EventCodec.decode(metrics))
                .hasMessage("metrics.data: field 'warnings[1]': expected text in double quotes, found a number");
    }

    /** PostgreSQL keeps no U+0000 in text: an event with one is refused naming the field, never handed to the store. */
    @Test
    void textHoldingTheNulCharacterIsRefusedNamingTheField() {
        String json = EventCodec.encode(oneOfEachType().get(2)).replace("just checking in", "just\\u0000checking in");
        assertThatThrownBy(() -> EventCodec.decode(json))
                .hasMessage("alert.data: field 'phrase': text may not contain the character U+0000 (\\u0000): remove it");
        String warnings = EventCodec.encode(oneOfEachType().get(4)).replace("monologue-long", "monologue\\u0000long");
        assertThatThrownBy(() -> EventCodec.decode(warnings))
                .hasMessage("metrics.data: field 'warnings[0]': text may not contain the character U+0000 (\\u0000): remove it");
    }

    /** Half a surrogate pair is no character (a database keeps '?' for it): refused; a whole pair, an emoji, is kept. */
    @Test
    void textHoldingHalfASurrogatePairIsRefusedAndAWholePairKept() throws DecodeException {
        String alert = EventCodec.encode(oneOfEachType().get(2));
        for (String half : List.of("\\ud83d", "\\ude00", "\\ude00\\ud83d")) {
            String json = alert.replace("just checking in", "just checking in " + half);
            assertThatThrownBy(() -> EventCodec.decode(json)).as(json)
                    .hasMessageStartingWith("alert.data: field 'phrase': text holds half of a UTF-16 surrogate pair");
        }
        String whole = alert.replace("just checking in", "just checking in \\ud83d\\ude00");
        assertThat(((Alert) EventCodec.decode(whole).data()).phrase()).isEqualTo("just checking in \ud83d\ude00");
    }

    @Test
    void anEventWhosePayloadComesBeforeItsTypeIsStillAccepted() throws DecodeException {
        String json = "{\"data\":{\"duration\":1,\"reason\":\"x\"},\"ts\":1,\"seq\":1,\"callId\":\"c\",\"type\":\"call_ended\"}";
        assertThat(EventCodec.decode(json)).isEqualTo(new Envelope("c", 1, 1, new CallEnded(1, "x")));
    }

    @Test
    void encodesTheTypeAsItsWireName() {
        String json = EventCodec.encode(new Envelope("c", 7, 5, new CallEnded(1, "hangup")));
        assertThat(json).isEqualTo("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":7,\"ts\":5,\"data\":{\"duration\":1.0,\"reason\":\"hangup\"}}");
    }

    @Test
    void rejectsAnUnknownTypeNamingIt() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"gossip\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{}}"))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("unknown event type 'gossip'")
                .hasMessageContaining("call_started");
    }

    @Test
    void rejectsAMissingEnvelopeFieldNamingIt() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"ts\":1,\"data\":{\"duration\":1,\"reason\":\"x\"}}"))
                .hasMessage("missing field 'seq'");
    }

    @Test
    void rejectsAMissingPayloadFieldNamingIt() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"duration\":1}}"))
                .hasMessage("call_ended.data: missing field 'reason'");
    }

    @Test
    void rejectsAMissingNestedFieldWithItsPath() {
        String json = "{\"type\":\"transcript\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"speaker\":\"REP\",\"isFinal\":true,"
                + "\"words\":[{\"text\":\"hi\",\"start\":0.1,\"conf\":1.0}]}}";
        assertThatThrownBy(() -> EventCodec.decode(json)).hasMessage("transcript.data: missing field 'words[0].end'");
    }

    @Test
    void rejectsAnUnknownFieldNamingIt() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"duration\":1,\"reason\":\"x\",\"mood\":\"sad\"}}"))
                .hasMessage("call_ended.data: unknown field 'mood'");
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":\"one\",\"ts\":1,\"data\":{}}"))
                .hasMessage("field 'seq' must be a whole number");
    }

    @Test
    void rejectsSeqBelowOne() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"call_ended\",\"callId\":\"c\",\"seq\":0,\"ts\":1,\"data\":{\"duration\":1,\"reason\":\"x\"}}"))
                .hasMessage("field 'seq' must be >= 1, was 0");
    }

    @Test
    void rejectsAnInvalidValueWithTheRecordsReason() {
        String json = "{\"type\":\"metrics\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"at\":1,\"repTalkShare\":1.7,\"currentMonologue\":0,"
                + "\"longestMonologue\":0,\"longestMonologueAt\":0,\"wordsPerMinute\":0,\"openQuestions\":0,\"closedQuestions\":0,"
                + "\"interruptions\":0,\"lastObjectionPause\":null,\"pressureIndex\":0,\"warnings\":[]}}";
        assertThatThrownBy(() -> EventCodec.decode(json)).hasMessage("metrics.data: field 'repTalkShare' must be within 0..1, was 1.7");
    }

    @Test
    void rejectsMalformedJsonSayingWhere() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\": \"alert\", ")).hasMessageStartingWith("malformed JSON at column");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(500) + "]".repeat(500);
        assertThatThrownBy(() -> EventCodec.decode(deep)).hasMessageContaining("nesting depth");
    }

    @Test
    void rejectsANonPressureCategoryInAnAlert() {
        String json = "{\"type\":\"alert\",\"callId\":\"c\",\"seq\":1,\"ts\":1,\"data\":{\"category\":\"TRUST\",\"rule\":\"r\",\"phrase\":\"p\","
                + "\"severity\":\"LOW\",\"speaker\":\"REP\",\"start\":0,\"end\":1,\"nudge\":true,"
                + "\"reframe\":{\"shift\":\"s\",\"trust\":\"t\",\"ask\":\"a\"}}}";
        assertThatThrownBy(() -> EventCodec.decode(json)).hasMessage("alert.data: field 'category' must be a pressure category, was TRUST");
    }

    /** The store reads payloads back from their bytes: whatever a payload's text reads as, so do its bytes, and what it is refused for is refused. */
    @Test
    void aPayloadReadsTheSameFromItsUtf8BytesAsFromItsTextRefusalsIncluded() {
        int refused = 0;
        for (Envelope env : oneOfEachType()) {
            String json = Json.write(env.data());
            Class<? extends Event> type = env.type().payloadClass();
            for (int i = 0; i <= json.length(); i++) {
                for (String variant : i == json.length() ? List.of(json, "", " \n", "caf\u00e9") : List.of(json.substring(0, i) + json.substring(i + 1))) {
                    Object fromText, fromBytes;
                    try {
                        fromText = Json.read(variant, type);
                    } catch (DecodeException e) {
                        fromText = e.getMessage();
                        refused++;
                    }
                    try {
                        fromBytes = Json.read(variant.getBytes(StandardCharsets.UTF_8), type);
                    } catch (DecodeException e) {
                        fromBytes = e.getMessage();
                    }
                    // refused either way (Jackson words a few of its messages apart for bytes: the store only logs them)
                    if (fromText instanceof String) assertThat(fromBytes).as(variant).isInstanceOf(String.class);
                    else assertThat(fromBytes).as(variant).isEqualTo(fromText);
                }
            }
        }
        assertThat(refused).as("variants refused").isPositive();
        for (String nothing : List.of("", " \n\t\r ")) {
            assertThatThrownBy(() -> Json.read(nothing.getBytes(StandardCharsets.UTF_8), Alert.class)).hasMessage("empty input: expected a JSON object");
        }
    }

    /**
     * A field given twice (at the envelope, in the payload, in an object inside it) is refused, read from text or
     * from the wire's bytes, naming the field: the last one given must not quietly win.
     */
    @Test
    void aFieldGivenTwiceAnywhereInAnEventIsRefusedNamingIt() throws DecodeException {
        Envelope alert = oneOfEachType().stream().filter(e -> e.data() instanceof Alert).findFirst().orElseThrow();
        String json = EventCodec.encode(alert);
        assertThat(json).contains("\"seq\":", "\"phrase\":", "\"ask\":");
        for (String[] twice : new String[][] {
                {"\"seq\":", "\"seq\":99,\"seq\":", "seq"},
                {"\"phrase\":", "\"phrase\":\"other words\",\"phrase\":", "phrase"},
                {"\"ask\":", "\"ask\":\"another ask?\",\"ask\":", "ask"}}) {
            String doubled = json.replace(twice[0], twice[1]);
            assertThatThrownBy(() -> EventCodec.decodeKeepingPayload(doubled)).as(doubled)
                    .isInstanceOf(DecodeException.class).hasMessageContaining("'" + twice[2] + "' appears twice");
            assertThatThrownBy(() -> EventCodec.decodeKeepingPayload(doubled.getBytes(StandardCharsets.UTF_8))).as(doubled)
                    .isInstanceOf(DecodeException.class).hasMessageContaining("'" + twice[2] + "' appears twice");
        }
        // the same names in different objects are no repetition
        assertThat(EventCodec.decodeKeepingPayload(json.getBytes(StandardCharsets.UTF_8)).envelope()).isEqualTo(alert);
    }
}
