package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Category;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContextFilterTest {
    private static final RulePack PACK = Packs.parse(String.join(",",
            Packs.rule("defend.worth", "DEFEND", "\"worth it\"", "\"context\":{\"after\":[\"VALUE_CHALLENGE\"],\"within\":30}"),
            Packs.rule("pitch.intro", "PITCH", "\"about us\"", "\"context\":{\"phase\":\"opening\"}"),
            Packs.rule("pitch.awards", "PITCH", "\"award winning\"", "\"context\":{\"unlessAfter\":[\"ASKED\"],\"unlessWithin\":20}"),
            Packs.rule("counter.after", "COUNTER", "\"but if you look\"", "\"context\":{\"after\":[\"OBJECTION\",\"VALUE_CHALLENGE\"],\"within\":30}"),
            Packs.rule("defend.argued", "DEFEND", "\"pays for itself\"", "\"context\":{\"after\":[\"VALUE_CHALLENGE\"],\"within\":30,\"unheard\":\"fire\"}")));

    private static RuleHit hit(int rule, double at) {
        return new RuleHit(PACK.rules().get(rule), 0, 1, at, at + 0.5, "x");
    }

    @Test
    void aRuleThatNeedsAChallengeWaitsForOne() {
        ContextFilter c = new ContextFilter(60);
        assertThat(c.allows(hit(0, 10))).isFalse();
        c.prospectSignal(Category.OBJECTION, 9);
        assertThat(c.allows(hit(0, 10))).as("an objection is not a value challenge").isFalse();
        c.prospectSignal(Category.VALUE_CHALLENGE, 12);
        assertThat(c.allows(hit(0, 13))).isTrue();
        assertThat(c.allows(hit(0, 42))).isTrue();
        assertThat(c.allows(hit(0, 43))).as("more than 30 s later").isFalse();
    }

    @Test
    void wordsOverlappingTheEndOfTheChallengeStillAnswerIt() {
        ContextFilter c = new ContextFilter(60);
        c.prospectSignal(Category.VALUE_CHALLENGE, 12);
        assertThat(c.allows(hit(0, 11.7))).isTrue();
        assertThat(c.allows(hit(0, 5))).as("said before the challenge").isFalse();
    }

    @Test
    void whereTheProspectIsNeverHeardWhatAnswersAnObjectionNeedsNone() {
        ContextFilter micOnly = new ContextFilter(60, false);
        assertThat(micOnly.allows(hit(3, 100))).as("no objection can be heard, so arguing is heard as arguing").isTrue();
        assertThat(new ContextFilter(60, true).allows(hit(3, 100))).as("the prospect heard and silent").isFalse();
    }

    @Test
    void whereTheProspectIsNeverHeardADefenceStillWaitsForAChallenge() {
        ContextFilter micOnly = new ContextFilter(60, false);
        assertThat(micOnly.allows(hit(0, 10))).isFalse();
        micOnly.prospectSignal(Category.VALUE_CHALLENGE, 9); // the rep restating it ("I know it seems pricey")
        assertThat(micOnly.allows(hit(0, 10))).isTrue();
    }

    @Test
    void whereTheProspectIsNeverHeardADefenceThatSaysSoFiresWithoutAChallenge() {
        assertThat(new ContextFilter(60, false).allows(hit(4, 10))).as("'it pays for itself': the challenge went unheard").isTrue();
        ContextFilter heard = new ContextFilter(60, true);
        assertThat(heard.allows(hit(4, 10))).as("the prospect heard, and no challenge from them").isFalse();
        heard.prospectSignal(Category.VALUE_CHALLENGE, 9);
        assertThat(heard.allows(hit(4, 10))).isTrue();
    }

    @Test
    void openingRulesOnlyFireInTheOpening() {
        ContextFilter c = new ContextFilter(60);
        assertThat(c.allows(hit(1, 59))).isTrue();
        assertThat(c.allows(hit(1, 61))).isFalse();
    }

    @Test
    void aRuleThatIsNoPitchWhenAskedStaysSilentRightAfterTheProspectAsks() {
        ContextFilter c = new ContextFilter(60);
        assertThat(c.allows(hit(2, 10))).as("volunteered").isTrue();
        c.prospectSignal(Category.ASKED, 12);
        assertThat(c.allows(hit(2, 13))).as("answering their question").isFalse();
        assertThat(c.allows(hit(2, 33))).as("more than 20 s later it is volunteered again").isTrue();
        c.prospectSignal(Category.OBJECTION, 40);
        assertThat(c.allows(hit(2, 41))).as("another signal does not silence it").isTrue();
    }

    @Test
    void anOpeningRuleStillFiresAtTheOpeningsLastSecond() {
        assertThat(new ContextFilter(60).allows(hit(1, 60))).isTrue();
    }

    @Test
    void wordsStartingHalfASecondBeforeTheChallengeEndsAnswerIt() {
        ContextFilter c = new ContextFilter(60);
        c.prospectSignal(Category.VALUE_CHALLENGE, 12);
        assertThat(c.allows(hit(0, 11.5))).isTrue();
    }
}
