package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleEngineTest {

    private static List<String> hits(RuleEngine engine, Speaker speaker, String text) {
        return engine.scan(Utterance.of(speaker, TextTokenizer.words(text, 0))).stream()
                .map(h -> h.rule().id() + "[" + h.phrase() + "]").toList();
    }

    private static final RuleEngine CLOSE = Packs.engine(Packs.rule("close.sign", "CLOSE", "\"push you to sign\", \"sign * today\"", ""));

    @Test
    void firesOnTheWordsAsHeard() {
        assertThat(hits(CLOSE, Speaker.REP, "So, sign it TODAY?")).containsExactly("close.sign[sign it TODAY?]");
    }

    @Test
    void negationBeforeTheTriggerVetoesIt() {
        assertThat(hits(CLOSE, Speaker.REP, "i'm not going to push you to sign anything")).isEmpty();
    }

    @Test
    void negationDoesNotReachAcrossAClauseBreak() {
        assertThat(hits(CLOSE, Speaker.REP, "i'm not sure yet but can you sign it today"))
                .containsExactly("close.sign[sign it today]");
    }

    @Test
    void negationGuardsAndGapsStopAtAPauseInLiveSpeech() {
        RuleEngine e = Packs.engine(Packs.rule("urgency.ends", "URGENCY", "\"offer ends\", \"price * friday\"", "\"unless\":[\"no rush\"],\"guardWindow\":6"));
        List<dev.pressuremonitor.models.Word> paused = new java.util.ArrayList<>(Words.at(0, 0.3, "there is not a rush"));
        paused.addAll(Words.at(2.5, 0.3, "the offer ends friday"));
        assertThat(e.scan(Utterance.of(Speaker.REP, paused))).extracting(h -> h.phrase()).containsExactly("offer ends");
        assertThat(e.scan(Utterance.of(Speaker.REP, Words.at(0, 0.3, "there is not a rush the offer ends friday")))).as("no pause: negated").isEmpty();
        List<dev.pressuremonitor.models.Word> guard = new java.util.ArrayList<>(Words.at(0, 0.3, "no rush"));
        guard.addAll(Words.at(1.5, 0.3, "the offer ends friday"));
        assertThat(e.scan(Utterance.of(Speaker.REP, guard))).extracting(h -> h.phrase()).containsExactly("offer ends");
        List<dev.pressuremonitor.models.Word> gap = new java.util.ArrayList<>(Words.at(0, 0.3, "that is the price"));
        gap.addAll(Words.at(2.0, 0.3, "see you friday"));
        assertThat(e.scan(Utterance.of(Speaker.REP, gap))).as("a gap does not join words across the pause").isEmpty();
    }

    @Test
    void aRuleMarkedNotNegatableIgnoresNegators() {
        RuleEngine e = Packs.engine(Packs.rule("defend.cheap", "DEFEND", "\"not that expensive\"", "\"negatable\":false"));
        assertThat(hits(e, Speaker.REP, "honestly we're not that expensive")).containsExactly("defend.cheap[not that expensive]");
    }

    @Test
    void theRepDisowningThePushVetoesItEvenWhenTheRuleIsNotNegatable() {
        String json = "{\"version\":1,\"negators\":[\"not\"],\"disclaimers\":[\"i will not (keep|push)\"],\"rules\":["
                + Packs.rule("chase.calling", "CHASE", "\"keep calling\", \"calling again\"", "\"negatable\":false") + "]}";
        RuleEngine e = new RuleEngine(new RulePackLoader(dev.pressuremonitor.models.MindsetChart.standard()).parse("p.json", json, null));
        assertThat(hits(e, Speaker.REP, "you have my number and i won't keep calling")).isEmpty();
        assertThat(hits(e, Speaker.REP, "i won't push, but i will keep calling")).as("a clause break ends its reach")
                .containsExactly("chase.calling[keep calling]");
        assertThat(hits(e, Speaker.REP, "not that it matters, i'll keep calling")).as("a plain negator does not veto a rule marked not negatable")
                .containsExactly("chase.calling[keep calling]");
    }

    @Test
    void aClauseGuardVetoesAnywhereInTheTriggersClauseButNotInTheNext() {
        RuleEngine e = Packs.engine(Packs.rule("chase.follow-up", "CHASE", "\"following up\"", "\"unlessInClause\":[\"you asked for\"]"));
        assertThat(hits(e, Speaker.REP, "just following up with the signed floor plan and the two quotes you asked for")).isEmpty();
        assertThat(hits(e, Speaker.REP, "here is what you asked for. just following up on the rest"))
                .containsExactly("chase.follow-up[following up]");
    }

    @Test
    void aHardNegativeNearTheTriggerVetoesIt() {
        RuleEngine e = Packs.engine(Packs.rule("chase.follow-up", "CHASE", "\"follow up\"", "\"unless\":[\"follow up to your (point|question)\"]"));
        assertThat(hits(e, Speaker.REP, "as a follow-up to your point, what's the budget")).isEmpty();
        assertThat(hits(e, Speaker.REP, "i wanted to follow up on the email")).containsExactly("chase.follow-up[follow up]");
    }

    @Test
    void rulesListenOnlyToTheirSpeaker() {
        RuleEngine e = Packs.engine(Packs.rule("obj.price", "VALUE_CHALLENGE", "\"too expensive\"", "") + ","
                + Packs.rule("close.sign", "CLOSE", "\"sign today\"", ""));
        assertThat(hits(e, Speaker.PROSPECT, "too expensive, i won't sign today")).containsExactly("obj.price[too expensive,]");
        assertThat(hits(e, Speaker.REP, "too expensive? sign today")).containsExactly("close.sign[sign today]");
    }

    @Test
    void overlappingHitsOfOneKindKeepTheHeaviest() {
        RuleEngine e = Packs.engine(Packs.rule("pitch.best", "PITCH", "\"the best\"", "\"weight\":0.8") + ","
                + Packs.rule("defend.best", "DEFEND", "\"we are the best\"", "\"weight\":1.1") + ","
                + Packs.rule("trust.ask", "TRUST", "\"the best\"", ""));
        // pressure keeps the heavier DEFEND; the trust hit on the same words is another kind and stays
        assertThat(hits(e, Speaker.REP, "we're the best")).containsExactly("defend.best[we're the best]", "trust.ask[the best]");
    }

    @Test
    void contextIsAppliedBeforeOverlapsSoAnOutOfContextRuleHidesNothing() {
        RuleEngine e = Packs.engine(Packs.rule("defend.includes", "DEFEND", "\"it comes with\"", "\"weight\":1.1") + ","
                + Packs.rule("pitch.dump", "PITCH", "\"comes with tons of features\"", "\"weight\":0.8"));
        List<String> kept = e.scan(Utterance.of(Speaker.REP, TextTokenizer.words("it comes with tons of features", 0)),
                h -> !h.rule().id().startsWith("defend")).stream().map(h -> h.rule().id()).toList();
        assertThat(kept).containsExactly("pitch.dump");
    }

    @Test
    void fillersBetweenWordsDoNotBreakAPhrase() {
        RuleEngine e = Packs.engine(Packs.rule("chase.checking", "CHASE", "\"just checking in\"", ""));
        assertThat(hits(e, Speaker.REP, "just um checking uh in")).containsExactly("chase.checking[just um checking uh in]");
    }

    private static final RuleEngine SIGN_TODAY = Packs.engine(Packs.rule("urgency.today", "URGENCY", "\"sign today\"", ""));

    @Test
    void aNegatorReachesEightWordsAheadAndNoFurther() {
        assertThat(hits(SIGN_TODAY, Speaker.REP, "not once did i ask you to please sign today")).isEmpty();
        assertThat(hits(SIGN_TODAY, Speaker.REP, "not once did i ask you to please just sign today")).containsExactly("urgency.today[sign today]");
    }

    @Test
    void aPhraseThatStartsWithANegatorIsNotVetoedByIt() {
        RuleEngine e = Packs.engine(Packs.rule("defend.cheap", "DEFEND", "\"not that expensive\"", ""));
        assertThat(hits(e, Speaker.REP, "honestly we're not that expensive")).containsExactly("defend.cheap[not that expensive]");
    }

    @Test
    void aClauseWordBeforeTheNegatorDoesNotStopItReachingTheTrigger() {
        assertThat(hits(CLOSE, Speaker.REP, "i want to help and not push you to sign")).isEmpty();
    }

    @Test
    void aNegatorReachesATriggerThatStartsWithAClauseWord() {
        RuleEngine e = Packs.engine(Packs.rule("urgency.if", "URGENCY", "\"if you sign today\"", ""));
        assertThat(hits(e, Speaker.REP, "i am not saying if you sign today you save")).isEmpty();
    }

    @Test
    void aHardNegativeExactlyGuardWindowWordsAwayStillVetoes() {
        RuleEngine e = Packs.engine(Packs.rule("urgency.ends", "URGENCY", "\"offer ends\"", "\"unless\":[\"no rush\"],\"guardWindow\":2"));
        assertThat(hits(e, Speaker.REP, "no rush the offer ends")).isEmpty();
        assertThat(hits(e, Speaker.REP, "the offer ends today no rush")).isEmpty();
        assertThat(hits(e, Speaker.REP, "no rush at all the offer ends")).containsExactly("urgency.ends[offer ends]");
    }

    @Test
    void ofOverlappingHitsTheHeavierWinsEvenWhenShorter() {
        RuleEngine e = Packs.engine(Packs.rule("pitch.best", "PITCH", "\"we are the best\"", "\"weight\":0.8") + ","
                + Packs.rule("defend.best", "DEFEND", "\"the best\"", "\"weight\":1.1"));
        assertThat(hits(e, Speaker.REP, "we're the best")).containsExactly("defend.best[the best]");
    }

    @Test
    void ofEquallyHeavyOverlappingHitsTheLongerWinsEvenWhenLater() {
        RuleEngine e = Packs.engine(Packs.rule("pitch.best", "PITCH", "\"the best\"", "") + ","
                + Packs.rule("pitch.ever", "PITCH", "\"best product ever\"", ""));
        assertThat(hits(e, Speaker.REP, "the best product ever")).containsExactly("pitch.ever[best product ever]");
    }

    @Test
    void hitsOnTheSameWordsComeOutInRuleIdOrder() {
        RuleEngine e = Packs.engine(Packs.rule("trust.best", "TRUST", "\"the best\"", "") + ","
                + Packs.rule("defend.best", "DEFEND", "\"the best\"", "\"weight\":0.8"));
        assertThat(hits(e, Speaker.REP, "the best")).containsExactly("defend.best[the best]", "trust.best[the best]");
    }

    @Test
    void manyNegatorsInOneUtteranceAreAllHeard() {
        assertThat(hits(SIGN_TODAY, Speaker.REP, "not now not yet not today not ever not here not this week not for us but sign today"))
                .containsExactly("urgency.today[sign today]");
        assertThat(hits(SIGN_TODAY, Speaker.REP, "not now not yet not today not ever not here not this week not for us not sign today"))
                .isEmpty();
    }
}
