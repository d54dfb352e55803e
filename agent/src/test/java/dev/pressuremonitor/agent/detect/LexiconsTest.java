package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LexiconsTest {
    private static final String LEXICONS = "\"lexicons\":{\"weekday\":[\"monday\",\"friday\"],"
            + "\"deadline\":[\"today\",\"end of (the)? month\",\"by @weekday\"]},";

    private static RulePack pack(String lexicons, String rule) {
        String json = "{\"version\":1," + lexicons + "\"negators\":[\"not\"],\"rules\":[" + rule + "]}";
        return new RulePackLoader(MindsetChart.standard()).parse("p.json", json, null);
    }

    private static List<String> hits(RulePack pack, String text) {
        return new RuleEngine(pack).scan(Utterance.of(Speaker.REP, TextTokenizer.words(text, 0))).stream().map(RuleHit::phrase).toList();
    }

    @Test
    void aLexiconClassMatchesAnyOfItsWordsAndPhrasesInARule() {
        RulePack p = pack(LEXICONS, Packs.rule("u.offer", "URGENCY", "\"offer ends @deadline\"", ""));
        assertThat(hits(p, "the offer ends today")).containsExactly("offer ends today");
        assertThat(hits(p, "and the offer ends end of the month okay")).containsExactly("offer ends end of the month");
        assertThat(hits(p, "offer ends by Friday")).as("an entry may name another lexicon").containsExactly("offer ends by Friday");
        assertThat(hits(p, "the offer ends whenever you like")).isEmpty();
    }

    @Test
    void aPatternNamingAnUnknownLexiconSaysWhichRuleAndPattern() {
        assertThatThrownBy(() -> pack(LEXICONS, Packs.rule("u.offer", "URGENCY", "\"offer ends now\", \"offer ends @dedline\"", "")))
                .hasMessageContaining("p.json: rule 'u.offer': field 'patterns[1]' pattern 'offer ends @dedline' uses unknown lexicon '@dedline'")
                .hasMessageContaining("known: [deadline, weekday]");
    }

    @Test
    void aBadLexiconEntryIsNamedWithFileLexiconAndEntry() {
        assertThatThrownBy(() -> pack("\"lexicons\":{\"deadline\":[\"today\",\"End Of Month\"]},", Packs.rule("u", "URGENCY", "\"@deadline\"", "")))
                .hasMessageStartingWith("p.json: lexicon 'deadline' entry 2 'End Of Month': pattern 'End Of Month': token 'End' is not normalised");
        assertThatThrownBy(() -> pack("\"lexicons\":{\"deadline\":[\"today\",\"today\"]},", Packs.rule("u", "URGENCY", "\"@deadline\"", "")))
                .hasMessage("p.json: lexicon 'deadline' entry 2 'today' is listed twice");
        assertThatThrownBy(() -> pack("\"lexicons\":{\"a\":[\"@b\"],\"b\":[\"x\",\"@a\"]},", Packs.rule("u", "URGENCY", "\"@a\"", "")))
                .hasMessageContaining("lexicons may not include each other in a circle");
        assertThatThrownBy(() -> pack("\"lexicons\":{\"deadline\":[]},", Packs.rule("u", "URGENCY", "\"@deadline\"", "")))
                .hasMessage("p.json: lexicon 'deadline' is empty: give it at least one word or phrase");
    }

    @Test
    void theShippedRulesUseTheShippedLexicons() {
        RulePack shipped = new RulePackLoader(MindsetChart.standard()).loadDefault();
        assertThat(shipped.lexicons().names()).contains("deadline", "scarcity", "price", "competitor", "company_claim_verb");
    }

    @Test
    void aUserPackMayExtendAShippedLexiconForTheShippedRulesToo(@TempDir Path dir) throws Exception {
        Path user = dir.resolve("mine.json");
        Files.writeString(user, "{\"version\":1,\"lexicons\":{\"competitor\":[\"@competitor\",\"acme corp\"],\"mine\":[\"zorblax\"]},\"rules\":["
                + Packs.rule("pitch.zorblax", "PITCH", "\"@mine is the best\"", "") + "]}");
        RulePack merged = new RulePackLoader(MindsetChart.standard()).loadDefaultPlus(List.of(user));
        assertThat(merged.lexicons().get("competitor")).contains(List.of("acme", "corp"), List.of("the", "competition"));
        assertThat(hits(merged, "zorblax is the best")).containsExactly("zorblax is the best");
    }

    @Test
    void wordsThatMultiplyWithALexiconCompileAsTouchingPiecesThatStillMatchOnlyTogether() {
        String many = "\"lexicons\":{\"who\":[" + String.join(",", java.util.stream.IntStream.range(0, 60).mapToObj(i -> "\"person" + i + "\"").toList())
                + ",\"wife\"]},";
        RulePack p = pack(many, Packs.rule("o.talk", "OBJECTION", "\"(need|have|want|got|going) to (talk|speak|check) (to|with)? (my|our)? @who\"", ""));
        assertThat(p.rules().get(0).patterns().get(0).pieces()).as("split, not multiplied out").hasSizeGreaterThan(1);
        assertThat(new RuleEngine(p).scan(Utterance.of(dev.pressuremonitor.models.Speaker.PROSPECT, TextTokenizer.words("I need to talk to my wife", 0))))
                .extracting(RuleHit::phrase).containsExactly("need to talk to my wife");
        assertThat(new RuleEngine(p).scan(Utterance.of(dev.pressuremonitor.models.Speaker.PROSPECT, TextTokenizer.words("I need to talk to my lovely wife", 0)))).isEmpty();
    }

    @Test
    void anyNumberWrittenInDigitsMatchesTheNumberToken() {
        RulePack p = pack("", Packs.rule("u.left", "URGENCY", "\"only # (spots|seats) left\", \"in 48 hours\"", ""));
        assertThat(hits(p, "we have only 3 spots left")).containsExactly("only 3 spots left");
        assertThat(hits(p, "only 1,200 seats left")).containsExactly("only 1,200 seats left");
        assertThat(hits(p, "it closes in 24 hours")).as("a number in a pattern stands for any number").containsExactly("in 24 hours");
        assertThat(hits(p, "only three spots left")).as("numbers in words are a lexicon's job").isEmpty();
    }
}
