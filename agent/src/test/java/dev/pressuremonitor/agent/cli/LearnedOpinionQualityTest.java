package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shipped learned opinion adds on the held-out test domains (never tuned or trained on): more pressure
 * heard than the rules alone, without a category losing precision or more no-pressure lines being flagged.
 */
class LearnedOpinionQualityTest {
    private static final Pattern MACRO = Pattern.compile("macro-F1 (\\d\\.\\d+) over \\d+ lines; NONE flagged (\\d+\\.\\d)%");
    private static final String[] CATEGORIES = {"PITCH", "CLOSE", "URGENCY", "CHASE", "COUNTER", "DEFEND"};

    private static double[] figures(String out) {
        Matcher m = MACRO.matcher(out);
        assertThat(m.find()).as("eval printed its macro-F1 line:%n%s", out).isTrue();
        double[] f = new double[2 + 2 * CATEGORIES.length];
        f[0] = Double.parseDouble(m.group(1));
        f[1] = Double.parseDouble(m.group(2));
        for (int i = 0; i < CATEGORIES.length; i++) {
            Matcher c = Pattern.compile("(?m)^" + CATEGORIES[i] + "\\s+(\\d\\.\\d+)\\s+(\\d\\.\\d+)").matcher(out);
            assertThat(c.find()).isTrue();
            f[2 + 2 * i] = Double.parseDouble(c.group(1));
            f[3 + 2 * i] = Double.parseDouble(c.group(2));
        }
        return f;
    }

    @Test
    void hearsMoreOnUnseenMarketsThanTheRulesAloneWithoutLosingPrecision() {
        CliTest rules = CliTest.run("", "eval", "--split", "test", "--corpus", "../seeds/corpus", "--learned", "off");
        CliTest both = CliTest.run("", "eval", "--split", "test", "--corpus", "../seeds/corpus");
        assertThat(both.code()).isZero();
        double[] r = figures(rules.out()), b = figures(both.out());
        assertThat(b[0]).as("macro-F1 with the learned opinion vs rules alone").isGreaterThan(r[0] + 0.02);
        assertThat(b[1]).as("NONE flagged %").isLessThanOrEqualTo(r[1] + 0.5);
        for (int i = 0; i < CATEGORIES.length; i++) {
            assertThat(b[2 + 2 * i]).as("%s precision", CATEGORIES[i]).isGreaterThanOrEqualTo(r[2 + 2 * i] - 0.03);
            assertThat(b[3 + 2 * i]).as("%s recall", CATEGORIES[i]).isGreaterThanOrEqualTo(r[3 + 2 * i]);
        }
    }
}
