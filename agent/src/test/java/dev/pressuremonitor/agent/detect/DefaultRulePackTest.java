package dev.pressuremonitor.agent.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.models.MindsetChart;
import dev.pressuremonitor.models.Speaker;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultRulePackTest {
    static final Path CORPUS = Path.of("..", "seeds", "corpus");

    @Test
    void theShippedPackLoadsWithEveryCategoryCovered() {
        RulePack pack = new RulePackLoader(MindsetChart.standard()).loadDefault();
        Set<Category> covered = new HashSet<>();
        pack.rules().forEach(r -> covered.add(r.category()));
        assertThat(covered).containsExactlyInAnyOrder(Category.values());
    }

    @Test
    @Tag("corpus") // reads every dev line: left out of mutation testing (TESTING.md)
    void everyRuleFiresOnAtLeastOneDevCorpusLine() throws Exception {
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        Set<String> fired = new HashSet<>();
        Set<String> held = new HashSet<>();
        Json.readTree(Files.readString(CORPUS.resolve("split.json"))).get("test").forEach(d -> held.add(d.asText() + ".jsonl"));
        List<Path> domains;
        try (var files = Files.list(CORPUS.resolve("domains"))) {
            domains = files.filter(p -> p.toString().endsWith(".jsonl") && !held.contains(p.getFileName().toString())).sorted().toList();
        }
        TextClassifier classifier = new TextClassifier(engine);
        for (Path domain : domains) {
            for (String line : Files.readAllLines(domain)) {
                JsonNode n = Json.readTree(line);
                String context = n.has("context") ? n.get("context").asText() : null;
                // pressure rules as a user meets them (context applied, overlaps resolved); trust and prospect rules as scanned
                classifier.classify(n.get("text").asText(), context).forEach(a -> fired.add(a.rule()));
                scan(engine, Speaker.REP, n.get("text").asText(), fired);
                if (context != null) scan(engine, Speaker.PROSPECT, context, fired);
            }
        }
        List<String> silent = engine.pack().rules().stream().map(Rule::id).filter(id -> !fired.contains(id)).toList();
        assertThat(silent).as("rules that no corpus line exercises").isEmpty();
    }

    @Test
    void aQuestionThatChallengesIsNotATrustSignal() {
        RuleEngine engine = new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault());
        assertThat(trust(engine, "How do you know that? We have been doing this for years.")).isEmpty();
        assertThat(trust(engine, "how would you know that")).isEmpty();
        assertThat(trust(engine, "How would you know if it was working?")).containsExactly("trust.open-question");
        assertThat(trust(engine, "how do you decide which vendor to go with")).containsExactly("trust.open-question");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "we've got the highest claim satisfaction in the state",
            "our reporting is the best on the market",
            "we're one of the fastest growing freight companies in texas",
            "Our forward contracts are the most flexible on the market.",
            "we're actually the only dealer in the state that does no haggle pricing",
            "honestly we're the market leader for dental imaging",
            "there's no better accounting package out there for a firm your size"})
    void aClaimThatWeAreTheBestBiggestOrOnlyOneIsAPitchInAnyWording(String claim) {
        assertThat(heard(claim, null)).containsExactly(Category.PITCH);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "what's the biggest challenge in the business for you right now",
            "You're the fastest-growing brewery in the state, so capacity must be on your mind.",
            "The biggest installer in the state is probably SunCo, and they're good.",
            "sorry to be blunt but i'm not sure we're the best fit for a project this size",
            "Our prices are the highest in the county, and I'd rather you knew that now.",
            "We're the most expensive option on the market, so let's see if it's worth it for you at all.",
            "We've got the best part of two weeks free in March, so pick whatever suits.",
            "We're not the market leader, and for a shop your size that's no bad thing."})
    void aSuperlativeAboutTheBuyerACompetitorOrTheMarketOrACandidOneIsNoClaim(String none) {
        assertThat(heard(none, null)).isEmpty();
    }

    @Test
    void aClaimThatAnswersAPlainQuestionAboutUsIsNoPitch() {
        assertThat(heard("we're the biggest installer in the county", "So tell me a bit about your company.")).isEmpty();
        assertThat(heard("We're the largest installer in the county, about forty crews.", "How big are you?")).isEmpty();
        assertThat(heard("yeah we're the oldest in the county", "are you the oldest round here")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Your mineral is double what the co-op charges.",
            "the points on this loan seem high",
            "can you do any better on the price",
            "Another firm quoted me 0.6%.",
            "thirty a month adds up",
            "what's this three hundred a month tech fee",
            "That's a big fee upfront."})
    void aPriceChallengeInTheProspectsOwnWordsMakesTheJustificationAfterItADefence(String challenge) {
        assertThat(heard("That price includes setup, training and a year of support.", challenge)).containsExactly(Category.DEFEND);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Look, the survey fee is more than fair for a full report and the drawings.",
            "Our hourly rate is very reasonable for a licensed crew with its own insurance.",
            "Most installers would charge double for the same job, honestly.",
            "When you break it down, that's the parts, the labour and two years of callouts."})
    void onlyTheRepsMicrophoneHeardAPriceArgumentIsADefenceButAfterAProspectHeardChallengingNothingItWaits(String argument) {
        assertThat(MIC_ONLY.classify(argument, null)).extracting(a -> a.category()).containsExactly(Category.DEFEND);
        assertThat(heard(argument, "Okay, and how long does the fitting take?")).doesNotContain(Category.DEFEND);
        assertThat(heard(argument, "That's more than I wanted to pay.")).containsExactly(Category.DEFEND);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I've decided not to go ahead",
            "security won't sign off",
            "We'll revisit next quarter.",
            "I'll just pay per session",
            "switching sounds risky"})
    void aNoInTheProspectsOwnWordsMakesTheArgumentAfterItACounter(String no) {
        assertThat(heard("But if you think about what it costs you to wait, it adds up fast.", no)).containsExactly(Category.COUNTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I know it seems steep, but the price includes fitting, removal and a five-year warranty.",
            "our rate is a touch higher but that covers the dealer warranty and no payments till after harvest",
            "it's high density foam, it doesn't sag, and that's why it costs what it costs",
            "honestly the service is worth way more than the few dollars you'd save elsewhere",
            "With respect, it's not apples to apples: theirs leaves out the removal and the disposal.",
            "Honestly we're barely making anything on the install at that figure."})
    void aDefenceIsHeardInTheRepsOwnWordsWhenTheProspectsWereNot(String defence) {
        assertThat(heard(defence, null)).containsExactly(Category.DEFEND);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "so our intensive course is honestly amazing, twenty hours a week and small classes",
            "Sorry, quick one while you're paying. Have you heard about our Pet Health Club?",
            "honestly we guarantee you'll be on page one in ninety days",
            "Practices like yours typically see a third fewer no-shows in the first month."})
    void praiseOfOurOwnOfferNobodyAskedForIsAPitch(String pitch) {
        assertThat(heard(pitch, null)).containsExactly(Category.PITCH);
    }

    @Test
    void praiseOfOurOfferIsNoPitchWhenItAnswersAQuestionOrPraisesTheBuyers() {
        assertThat(heard("Honestly our evening course is brilliant for people who work days.", "Which course would suit someone who works days?")).isEmpty();
        assertThat(heard("Your garden is honestly amazing, who does it for you?", null)).isEmpty();
        assertThat(heard("I can't guarantee the rate past Friday, so check it with your bank too.", null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "I can assure you, sir, everything is regulated and in writing.",
            "We've had this shop for twenty years and we're not going anywhere."})
    void vouchingForOurselvesIsADefenceWhenTheDoubtWasNotHeard(String defence) {
        assertThat(heard(defence, null)).containsExactly(Category.DEFEND);
    }

    @Test
    void anArgumentAfterTheRepRestatesTheNoIsACounterWhenTheProspectsWordsWereNotHeard() {
        assertThat(heard("I know you said you're not interested, but if you think about what it costs you to wait, it adds up fast.", null))
                .containsExactly(Category.COUNTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "We're probably the dearest in town, so do have a look around before you decide.",
            "I know it seems pricey. Would it help if I broke down what's in it, or would you rather compare first?",
            "You said you're not interested, so I'll leave it there and won't call again."})
    void anAdmissionOrARestatementAloneIsNoPressure(String none) {
        assertThat(heard(none, null)).isEmpty();
    }

    @Test
    void whatThePriceIncludesOrAnArgumentIsNoPressureAfterWordsThatChallengeNothing() {
        assertThat(heard("That price includes setup, training and a year of support.", "What does the price include?")).isEmpty();
        assertThat(heard("That price includes setup, training and a year of support.", "We just moved offices last month.")).isEmpty();
        assertThat(heard("But if you think about what it costs you to wait, it adds up fast.", "We moved offices last month.")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Good point. But to be clear, the trial doesn't auto-convert; if you do nothing, it just ends.",
            "You're right, but I'd add one thing you should know: the quote doesn't include sales tax.",
            "That's true, but I don't think you have to decide anything about the warranty today.",
            "you said you're not interested so um i'll leave it there thanks for your time"})
    void aButThatInformsOrBacksOffIsNoCounterEvenWhereNoObjectionCanBeHeard(String none) {
        assertThat(heard(none, null)).isEmpty();
        assertThat(MIC_ONLY.classify(none, null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "december fifteenth for the eight percent and then it's four percent until february first after that it's list price | when's your early pay deadline again",
            "There is: over twenty-five vehicles it drops to twenty-four a month each. You're at eighteen, so it wouldn't apply yet. | Is there a discount for more vehicles?",
            "no no problem at all enjoy the rest of your day in the valley | we're just here for a tasting",
            "yeah nah fair enough if the drivers are against it that's a real thing | My drivers don't want to be spied on.",
            "They probably are, to be fair. If it's like for like, I'd go with them. | The place by the retail park is cheaper.",
            "no rush at all honestly this is probably the biggest financial decision you'll make in a while so take as long as you need | i need to think about it",
            "Just so you know, we need the measurements before we can order anything. |",
            "we're doing our best to get it fitted before christmas but i can't promise |",
            "Our fees are probably the highest in the area, so do compare. |",
            "no no don't feel bad about getting other quotes you should |",
            "We're on the second floor, above the bakery. | Where are you based?",
            "You can sign her in as a guest on any weekday. | Can my daughter use my membership?",
            "Since 2001, and we've been in this building about ten years. | How long has the business been around?",
            "you've got to see this the kids have found the rabbit hutch |",
            "Be careful with my quote, it's before VAT, so add that before you compare. | I've got three quotes to compare.",
            "While you're here, have you tried the bakery next door? |",
            "Fair question. We've only been in the UK four years, but we've been trading in Ireland since 2012. |"})
    void answersToTheBuyersQuestionsAndHonestRepliesAreNoPressure(String text, String context) {
        assertThat(heard(text, context)).isEmpty();
    }

    @Test
    void whereTheProspectIsNeverHeardArguingIsACounterWithoutTheirNo() {
        String argument = "But you haven't even seen what it does yet.";
        assertThat(MIC_ONLY.classify(argument, null)).extracting(a -> a.category()).containsExactly(Category.COUNTER);
        assertThat(heard(argument, null)).as("the prospect heard, and silent").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "What sets us apart is the forest school and the cook we have on site.",
            "we're not your average driving school we've got dual control electric cars",
            "Honestly these are the quietest dishwashers on the market.",
            "Ninety per cent of our students pass first time.",
            "Can I quickly walk you through our premium plan?",
            "Before we get to the price, have a look at our new oak range.",
            "Our customers absolutely love the app."})
    void sayingWhatSetsUsApartOrShowingWhatNobodyAskedForIsAPitch(String pitch) {
        assertThat(heard(pitch, null)).containsExactly(Category.PITCH);
    }

    @Test
    void askingWhatWouldChangeTheirMindOrWarningOffTheCheaperOptionAfterANoIsACounter() {
        assertThat(heard("Is there anything at all I could say to change your mind?", "We've decided not to go ahead.")).containsExactly(Category.COUNTER);
        assertThat(heard("Those cheap ones look fine until the first winter.", "We'll go with the online ones, they're cheaper.")).containsExactly(Category.COUNTER);
    }

    @Test
    void breakingThePriceDownAfterAChallengeIsADefence() {
        assertThat(heard("When you break it down, that's the fitting, the parts and two years of cover.", "That seems steep.")).containsExactly(Category.DEFEND);
        assertThat(heard("When you break it down, that's the fitting, the parts and two years of cover.", "What does it include?")).isEmpty();
    }

    private static final TextClassifier MIC_ONLY = new TextClassifier(new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault()), null, false);

    /** The pressure categories the shipped pack hears in a rep's turn after the prospect's {@code context}. */
    private static List<Category> heard(String text, String context) {
        return SHIPPED.classify(text, context).stream().map(a -> a.category()).toList();
    }

    private static final TextClassifier SHIPPED = new TextClassifier(new RuleEngine(new RulePackLoader(MindsetChart.standard()).loadDefault()));

    private static List<String> trust(RuleEngine engine, String text) {
        return engine.scan(Utterance.of(Speaker.REP, TextTokenizer.words(text, 0))).stream()
                .filter(h -> h.rule().category() == Category.TRUST).map(h -> h.rule().id()).toList();
    }

    private static void scan(RuleEngine engine, Speaker speaker, String text, Set<String> fired) {
        engine.scan(Utterance.of(speaker, TextTokenizer.words(text, 0))).stream()
                .filter(h -> !h.rule().category().isPressure()).forEach(h -> fired.add(h.rule().id()));
    }
}
