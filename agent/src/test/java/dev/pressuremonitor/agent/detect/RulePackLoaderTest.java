package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MindsetChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulePackLoaderTest {
    private final RulePackLoader loader = new RulePackLoader(MindsetChart.standard());

    private static String pack(String rule) {
        return "{\"version\":1,\"negators\":[\"not\"],\"rules\":[" + rule + "]}";
    }

    @Test
    void anUnknownCategoryNamesFileRuleAndField() {
        String json = pack("{\"id\":\"chase.x\",\"category\":\"CHASING\",\"patterns\":[\"just checking in\"]}");
        assertThatThrownBy(() -> loader.parse("my-rules.json", json, null))
                .isInstanceOf(RulePackException.class)
                .hasMessageStartingWith("my-rules.json: rule 'chase.x': field 'category' 'CHASING' is not one of [PITCH, CLOSE");
    }

    @Test
    void aBadPatternNamesItsIndex() {
        String json = pack("{\"id\":\"close.x\",\"category\":\"CLOSE\",\"patterns\":[\"sign today\",\"(sign\"],"
                + "\"reframe\":{\"shift\":\"find-fit\",\"ask\":\"?\"}}");
        assertThatThrownBy(() -> loader.parse("p.json", json, null))
                .hasMessage("p.json: rule 'close.x': field 'patterns[1]' pattern '(sign' has an unmatched '('");
    }

    @Test
    void aPressureRuleNeedsAReframeFromTheChart() {
        String missing = pack("{\"id\":\"close.x\",\"category\":\"CLOSE\",\"patterns\":[\"sign today\"]}");
        assertThatThrownBy(() -> loader.parse("p.json", missing, null)).hasMessageContaining("rule 'close.x': field 'reframe' is required");
        String unknown = pack("{\"id\":\"close.x\",\"category\":\"CLOSE\",\"patterns\":[\"sign today\"],\"reframe\":{\"shift\":\"be-nice\",\"ask\":\"?\"}}");
        assertThatThrownBy(() -> loader.parse("p.json", unknown, null))
                .hasMessageContaining("field 'reframe.shift' 'be-nice' is not in the mindset chart; known: [stop-pitching, find-fit");
    }

    @Test
    void aMisspelledFieldIsAnErrorNotSilentlyIgnored() {
        String json = pack("{\"id\":\"trust.x\",\"category\":\"TRUST\",\"patterns\":[\"tell me more\"],\"unles\":[\"x\"]}");
        assertThatThrownBy(() -> loader.parse("p.json", json, null)).hasMessageContaining("rule 'trust.x': field 'unles' is not a known field");
    }

    @Test
    void aContextMustNameProspectSignals() {
        String json = pack("{\"id\":\"counter.x\",\"category\":\"COUNTER\",\"patterns\":[\"yes but\"],"
                + "\"context\":{\"after\":[\"CLOSE\"]},\"reframe\":{\"shift\":\"validate-objections\",\"ask\":\"?\"}}");
        assertThatThrownBy(() -> loader.parse("p.json", json, null))
                .hasMessageContaining("field 'context.after' 'CLOSE' is not a prospect signal");
    }

    @Test
    void unlessAfterMustNameProspectSignalsAndUnlessWithinNeedsIt() {
        String wrong = pack("{\"id\":\"pitch.x\",\"category\":\"PITCH\",\"patterns\":[\"award winning\"],"
                + "\"context\":{\"unlessAfter\":[\"PITCH\"]},\"reframe\":{\"shift\":\"stop-pitching\",\"ask\":\"?\"}}");
        assertThatThrownBy(() -> loader.parse("p.json", wrong, null))
                .hasMessageContaining("rule 'pitch.x': field 'context.unlessAfter' 'PITCH' is not a prospect signal (use OBJECTION, VALUE_CHALLENGE or ASKED)");
        String alone = pack("{\"id\":\"pitch.x\",\"category\":\"PITCH\",\"patterns\":[\"award winning\"],"
                + "\"context\":{\"unlessWithin\":20},\"reframe\":{\"shift\":\"stop-pitching\",\"ask\":\"?\"}}");
        assertThatThrownBy(() -> loader.parse("p.json", alone, null))
                .hasMessageContaining("field 'context.unlessWithin' needs 'unlessAfter' to say what it counts from");
    }

    @Test
    void anUnsupportedVersionSaysWhichOneIsRead() {
        assertThatThrownBy(() -> loader.parse("p.json", "{\"version\":2,\"rules\":[]}", null))
                .hasMessage("p.json: field 'version' is 2 but this Pressure Monitor reads version 1 packs");
    }

    @Test
    void notJsonSaysSo() {
        assertThatThrownBy(() -> loader.parse("p.json", "{rules: oops", null)).hasMessageStartingWith("p.json: not valid JSON: malformed JSON");
    }

    @Test
    void brokenJsonNamesTheLineAndSaysWhatIsWrongWithoutTheParsersInternals() {
        String json = "{\n  \"version\": 1,\n  \"rules\": [\n    {\"id\": \"close.x\",}\n  ]\n}\n";
        assertThatThrownBy(() -> loader.parse("p.json", json, null))
                .hasMessage("p.json: not valid JSON: malformed JSON at line 4, column 22: a comma before '}' (remove the trailing comma)");
        assertThatThrownBy(() -> loader.parse("p.json", "{\"version\": 1,\n \"rules\": [", null))
                .hasMessage("p.json: not valid JSON: malformed JSON at line 2, column 12: the text ends before the array is closed: a ']' is missing")
                .message().doesNotContain("Source").doesNotContain("REDACTED");
    }

    @Test
    void aUserPackAddsRulesAndReplacesOnesWithTheSameId(@TempDir Path dir) throws IOException {
        Path user = dir.resolve("mine.json");
        Files.writeString(user, "{\"version\":1,\"rules\":["
                + "{\"id\":\"chase.checking-in\",\"category\":\"CHASE\",\"patterns\":[\"any news\"],\"reframe\":{\"shift\":\"never-chase\",\"ask\":\"What changed?\"}},"
                + "{\"id\":\"urgency.board\",\"category\":\"URGENCY\",\"patterns\":[\"before the board meets\"],\"reframe\":{\"shift\":\"remove-hidden-pressure\",\"ask\":\"Whose timeline is this?\"}}]}");
        RulePack merged = loader.loadDefaultPlus(List.of(user));
        RulePack base = loader.loadDefault();
        assertThat(merged.rules()).hasSize(base.rules().size() + 1);
        Rule replaced = merged.rules().stream().filter(r -> r.id().equals("chase.checking-in")).findFirst().orElseThrow();
        assertThat(replaced.patterns()).extracting(PhrasePattern::source).containsExactly("any news");
        assertThat(merged.negators()).extracting(PhrasePattern::source).as("a user pack without negators keeps the default ones")
                .isEqualTo(base.negators().stream().map(PhrasePattern::source).toList());
        assertThat(merged.sources()).containsExactly(RulePackLoader.DEFAULT_RESOURCE, user.toString());
    }

    @Test
    void aMissingUserFileSaysWhichFlagToCheck(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.loadDefaultPlus(List.of(dir.resolve("nope.json"))))
                .hasMessageContaining("nope.json: cannot read rule pack")
                .hasMessageContaining("check the path passed to --rules");
    }

    private static final String REFRAME = "\"reframe\":{\"shift\":\"find-fit\",\"ask\":\"?\"}";

    private static String closeRule(String extra) {
        return pack("{\"id\":\"close.x\",\"category\":\"CLOSE\",\"patterns\":[\"sign today\"]," + REFRAME + extra + "}");
    }

    private Rule onlyRule(String json) {
        return loader.parse("p.json", json, null).rules().get(0);
    }

    @Test
    void aMisspelledPackFieldIsAnError() {
        String json = "{\"version\":1,\"negator\":[\"not\"],\"rules\":[]}";
        assertThatThrownBy(() -> loader.parse("p.json", json, null)).hasMessageStartingWith("p.json: field 'negator' is not a known field");
    }

    @Test
    void aMisspelledContextFieldIsAnError() {
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"context\":{\"afer\":[\"OBJECTION\"]}"), null))
                .hasMessageContaining("rule 'close.x': field 'context.afer' is not a known field");
    }

    @Test
    void aMisspelledReframeFieldIsAnError() {
        String json = pack("{\"id\":\"close.x\",\"category\":\"CLOSE\",\"patterns\":[\"sign today\"],"
                + "\"reframe\":{\"shift\":\"find-fit\",\"ask\":\"?\",\"tone\":\"soft\"}}");
        assertThatThrownBy(() -> loader.parse("p.json", json, null)).hasMessageContaining("rule 'close.x': field 'reframe.tone' is not a known field");
    }

    @Test
    void aContextListensForItsSignalsThirtySecondsUnlessToldOtherwise() {
        Rule plain = onlyRule(closeRule(",\"context\":{\"after\":[\"OBJECTION\"],\"unlessAfter\":[\"ASKED\"]}"));
        assertThat(plain.afterSignals()).containsExactly(dev.pressuremonitor.models.Category.OBJECTION);
        assertThat(plain.afterWithin()).isEqualTo(30.0);
        assertThat(plain.unlessAfter()).containsExactly(dev.pressuremonitor.models.Category.ASKED);
        assertThat(plain.unlessWithin()).isEqualTo(30.0);
        Rule told = onlyRule(closeRule(",\"context\":{\"after\":[\"OBJECTION\"],\"within\":20,\"unlessAfter\":[\"ASKED\"],\"unlessWithin\":45}"));
        assertThat(told.afterWithin()).isEqualTo(20.0);
        assertThat(told.unlessWithin()).isEqualTo(45.0);
    }

    @Test
    void whetherARuleFiresWhereTheProspectIsNotHeardFollowsItsSignalUnlessThePackSays() {
        assertThat(onlyRule(closeRule(",\"context\":{\"after\":[\"OBJECTION\"]}")).firesUnheard())
                .as("an objection can never be heard there").isTrue();
        assertThat(onlyRule(closeRule(",\"context\":{\"after\":[\"VALUE_CHALLENGE\"]}")).firesUnheard())
                .as("a challenge to the price may be restated by the rep").isFalse();
        assertThat(onlyRule(closeRule(",\"context\":{\"after\":[\"VALUE_CHALLENGE\"],\"unheard\":\"fire\"}")).firesUnheard()).isTrue();
        assertThat(onlyRule(closeRule(",\"context\":{\"after\":[\"OBJECTION\"],\"unheard\":\"wait\"}")).firesUnheard()).isFalse();
        assertThat(onlyRule(closeRule("")).firesUnheard()).as("no signal to wait for").isFalse();
    }

    @Test
    void unheardSaysWhatItTakesAndNeedsASignal() {
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"context\":{\"after\":[\"OBJECTION\"],\"unheard\":\"yes\"}"), null))
                .hasMessageContaining("field 'context.unheard' must be 'fire' (where the prospect is not heard, fire without the signal) or 'wait' (fire only after it), was 'yes'");
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"context\":{\"unheard\":\"fire\"}"), null))
                .hasMessageContaining("field 'context.unheard' needs 'after' to say which signal may go unheard");
    }

    @Test
    void aContextWindowOutOfRangeNamesTheContextField() {
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"context\":{\"after\":[\"OBJECTION\"],\"within\":0.5}"), null))
                .hasMessageContaining("rule 'close.x': field 'context.within' must be from 1.0 to 600.0, was 0.5");
    }

    @Test
    void thePhaseIsOpeningOrAny() {
        assertThat(onlyRule(closeRule(",\"context\":{\"phase\":\"opening\"}")).openingOnly()).isTrue();
        assertThat(onlyRule(closeRule(",\"context\":{\"phase\":\"any\"}")).openingOnly()).isFalse();
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"context\":{\"phase\":\"middle\"}"), null))
                .hasMessageContaining("field 'context.phase' must be 'opening' or 'any', was 'middle'");
    }

    @Test
    void aRuleNeedsPatternsButMayHaveNoHardNegatives() {
        Rule noGuards = onlyRule(closeRule(",\"unless\":[]"));
        assertThat(noGuards.unless()).isEmpty();
        String empty = pack("{\"id\":\"close.x\",\"category\":\"CLOSE\",\"patterns\":[]," + REFRAME + "}");
        assertThatThrownBy(() -> loader.parse("p.json", empty, null)).hasMessageContaining("field 'patterns' is empty");
    }

    @Test
    void windowsAndWeightsAreTakenAtTheEndsOfTheirRanges() {
        assertThat(onlyRule(closeRule(",\"guardWindow\":0,\"weight\":0.1")).guardWindow()).isZero();
        Rule top = onlyRule(closeRule(",\"guardWindow\":8,\"weight\":10"));
        assertThat(top.guardWindow()).isEqualTo(8);
        assertThat(top.weight()).isEqualTo(10.0);
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"guardWindow\":9"), null))
                .hasMessageContaining("field 'guardWindow' must be from 0 to 8, was 9");
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"weight\":10.5"), null))
                .hasMessageContaining("field 'weight' must be from 0.1 to 10.0, was 10.5");
        assertThatThrownBy(() -> loader.parse("p.json", closeRule(",\"weight\":0.05"), null))
                .hasMessageContaining("field 'weight' must be from 0.1 to 10.0, was 0.05");
    }

    @Test
    void aLexiconEntryThatIsNotAStringIsNamedByItsPosition() {
        String json = "{\"version\":1,\"negators\":[\"not\"],\"lexicons\":{\"deadline\":[\"friday\",3]},\"rules\":[]}";
        assertThatThrownBy(() -> loader.parse("p.json", json, null)).hasMessage("p.json: lexicon 'deadline' entry 2 must be a string");
    }

    @Test
    void aBlankLexiconEntryIsNamedByItsPosition() {
        String json = "{\"version\":1,\"negators\":[\"not\"],\"lexicons\":{\"deadline\":[\"friday\",\" \"]},\"rules\":[]}";
        assertThatThrownBy(() -> loader.parse("p.json", json, null)).hasMessage("p.json: lexicon 'deadline' entry 2 is empty");
    }
}
