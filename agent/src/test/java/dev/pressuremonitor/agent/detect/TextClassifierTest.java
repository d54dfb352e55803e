package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.MindsetChart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextClassifierTest {
    private static final RulePack PACK = new RulePackLoader(MindsetChart.standard()).loadDefault();
    private static final TextClassifier CLASSIFIER = new TextClassifier(new RuleEngine(PACK));

    @Test
    void aMultiSentenceTurnWhoseSecondSentencePressuresIsFlagged() {
        List<Alert> alerts = CLASSIFIER.classify("Thanks for your time, I know you're not in a hurry. This offer ends Friday though.", null);
        assertThat(TextClassifier.primary(alerts, PACK)).contains(Category.URGENCY);
    }

    @Test
    void aNegationStillVetoesInsideItsOwnSentence() {
        List<Alert> alerts = CLASSIFIER.classify("Thanks for your time. I'm not saying this offer ends Friday, it doesn't.", null);
        assertThat(TextClassifier.primary(alerts, PACK)).isEmpty();
    }

    @Test
    void aPlainWordRefusalOpensTheContextWindowForArguingBack() {
        String rep = "But you haven't even seen what it does yet.";
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "Please take me off your list."), PACK)).contains(Category.COUNTER);
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "Honestly this sounds like a scam."), PACK)).contains(Category.COUNTER);
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "Sure, go ahead and tell me."), PACK)).as("no objection: no context").isEmpty();
    }

    @Test
    void credentialsAnsweringAPlainQuestionAboutUsAreNoPitch() {
        String rep = "We're a small team, and we've been doing this for about fifteen years.";
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, null), PACK)).as("volunteered").contains(Category.PITCH);
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "How big is your company?"), PACK)).as("asked").isEmpty();
    }

    @Test
    void boastingAfterABrushOffIsStillAPitch() {
        String rep = "our platform is the best on the market and nobody else comes close";
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "not yet it has been a busy week"), PACK)).contains(Category.PITCH);
    }

    @Test
    void credentialsAnsweringARemarkAgainstUsDefendTheCompany() {
        String rep = "We've been doing this for 25 years and we have thousands of happy customers.";
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "I read some bad reviews about your support."), PACK)).contains(Category.DEFEND);
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "Why should we pick you?"), PACK)).contains(Category.DEFEND);
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "Is this company even going to be around in ten years?"), PACK)).contains(Category.DEFEND);
    }

    @Test
    void theBuyersOwnDateIsNoDeadlineOfOurs() {
        assertThat(TextClassifier.primary(CLASSIFIER.classify("If your lease ends in August, we can work backward from that.", null), PACK)).isEmpty();
        assertThat(TextClassifier.primary(CLASSIFIER.classify("The offer ends in August, so we should move.", null), PACK)).contains(Category.URGENCY);
    }

    @Test
    void aBecauseRightAfterAPriceChallengeJustifiesThePrice() {
        String rep = "Because every coach on the team has run a business themselves.";
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, "Why is it so expensive?"), PACK)).contains(Category.DEFEND);
        assertThat(TextClassifier.primary(CLASSIFIER.classify(rep, null), PACK)).as("nobody challenged anything").isEmpty();
    }

    /** Two rules of a small pack fire in one turn: the lighter one first, the heavier one later. */
    private static final RulePack WEIGHED = Packs.parse(
            Packs.rule("chase.light", "CHASE", "\"circling back\"", "\"weight\":1.0") + ","
                    + Packs.rule("urgency.heavy", "URGENCY", "\"ends tonight\"", "\"weight\":3.0"));

    @Test
    void theHeaviestRuleNamesTheTurnEvenWhenALighterOneCameFirst() {
        List<Alert> alerts = new TextClassifier(new RuleEngine(WEIGHED)).classify("Just circling back, the offer ends tonight.", null);
        assertThat(alerts).extracting(Alert::category).containsExactly(Category.CHASE, Category.URGENCY);
        assertThat(TextClassifier.primary(alerts, WEIGHED)).contains(Category.URGENCY);
    }

    @Test
    void equallyHeavyRulesLeaveTheTurnToTheEarliest() {
        RulePack even = Packs.parse(
                Packs.rule("chase.even", "CHASE", "\"circling back\"", "\"weight\":2.0") + ","
                        + Packs.rule("urgency.even", "URGENCY", "\"ends tonight\"", "\"weight\":2.0"));
        List<Alert> alerts = new TextClassifier(new RuleEngine(even)).classify("Just circling back, the offer ends tonight.", null);
        assertThat(TextClassifier.primary(alerts, even)).contains(Category.CHASE);
    }

    @Test
    void aTurnWithNoAlertHasNoLabel() {
        assertThat(TextClassifier.primary(List.of(), WEIGHED)).isEmpty();
    }

    @Test
    void theProspectsWordsComeBeforeTheRepsAnswerSoTheAnswerIsReadAfterThem() {
        String rep = "But you haven't even seen what it does yet.";
        List<Alert> alerts = CLASSIFIER.classify(rep, "We already have a vendor for that.");
        assertThat(alerts).extracting(Alert::category).containsExactly(Category.COUNTER);
        assertThat(alerts.get(0).start()).as("the answer starts after the prospect's last word and the turn gap").isGreaterThan(TextClassifier.TURN_GAP);
        assertThat(CLASSIFIER.classify(rep, null)).as("the same words with nothing before them").isEmpty();
        assertThat(CLASSIFIER.classify(rep, "  ")).as("a blank context is no context").isEmpty();
    }

    @Test
    void followingUpWithWhatTheBuyerAskedForIsNoChase() {
        assertThat(TextClassifier.primary(CLASSIFIER.classify("Just following up with the floor plan you asked for, it is attached.", null), PACK)).isEmpty();
        assertThat(TextClassifier.primary(CLASSIFIER.classify("Just following up to see if you had a chance to look at the floor plan.", null), PACK))
                .contains(Category.CHASE);
    }

    @Test
    void askingTheBuyersOwnTimelineIsNoDeadline() {
        assertThat(TextClassifier.primary(CLASSIFIER.classify("What is your timeline on the shutdown, is it still the last week of July?", null), PACK)).isEmpty();
        assertThat(TextClassifier.primary(CLASSIFIER.classify("This is the last week of the offer, shall I hold one for you?", null), PACK))
                .contains(Category.URGENCY);
    }

    @Test
    void sayingWhatTheRepWouldRatherDisownsThePushAfterIt() {
        assertThat(TextClassifier.primary(CLASSIFIER.classify("No worries, I would rather you come back when it is right than rush into it today.", null), PACK)).isEmpty();
    }
}
