package dev.pressuremonitor.server.pages;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SessionNotCreatedException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A headless Chromium for page tests, and what they measure in it: computed colours, contrast, overflow. */
public final class Pages {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** WCAG 2 AA for body text. */
    public static final double AA = 4.5;

    private Pages() {}

    public static ChromeDriver browser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "needs Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run installs them)");
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1000,1200");
        // On a loaded 2-core machine Chromium can take longer to come up than the driver's 20 s default: give the
        // driver a minute, and start a fresh browser once more if the first never answered.
        SessionNotCreatedException first = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            ChromeOptions fresh = new ChromeOptions().merge(options);
            fresh.addArguments("--user-data-dir=" + Files.createTempDirectory("pm-chromium"));
            ChromeDriverService service = new ChromeDriverService.Builder().withTimeout(Duration.ofSeconds(60)).build();
            try {
                return new ChromeDriver(service, fresh);
            } catch (SessionNotCreatedException e) {
                service.stop();
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        throw first;
    }

    public static void width(WebDriver browser, int px) {
        browser.manage().window().setSize(new Dimension(px, 1100));
    }

    /** What the operating system's theme says: "light" or "dark" (prefers-color-scheme). */
    public static void systemTheme(ChromeDriver browser, String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Saves a screenshot of the page as target/screens/NAME.png, for people to look at. */
    public static Path screenshot(WebDriver browser, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "screens"));
        Path to = dir.resolve(name + ".png");
        // the whole page, not only the window
        Dimension window = browser.manage().window().getSize();
        long tall = ((Number) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(6000, Math.max(window.getHeight(), tall + 140))));
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), to, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(window);
        }
        return to;
    }

    /** One piece of visible text with its colour blended as shown (opacity) over the background it sits on. */
    public record Text(String text, String where, int[] fg, int[] bg, double contrast) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "'%s' (%s) %.2f:1 rgb%s on rgb%s", text, where, contrast,
                    java.util.Arrays.toString(fg), java.util.Arrays.toString(bg));
        }
    }

    private static final String TEXTS = """
            var out = [], seen = new Set();
            var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            var transparent = function (c) { return !c || c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c); };
            while (walker.nextNode()) {
              var n = walker.currentNode;
              if (!n.textContent.trim()) continue;
              var el = n.parentElement;
              if (seen.has(el)) continue;
              seen.add(el);
              var r = el.getBoundingClientRect();
              if (r.width === 0 || r.height === 0) continue;
              var cs = getComputedStyle(el);
              if (cs.visibility === 'hidden' || cs.display === 'none') continue;
              var opacity = 1;
              for (var e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
              var bg = null;
              for (var e2 = el; e2; e2 = e2.parentElement) {
                var b = getComputedStyle(e2).backgroundColor;
                if (!transparent(b)) { bg = b; break; }
              }
              if (!bg) bg = 'rgb(255, 255, 255)';
              var color = el instanceof SVGElement ? cs.fill : cs.color;
              out.push([n.textContent.trim().slice(0, 48), el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + el.className : ''), color, bg, opacity]);
            }
            return out;
            """;

    /** Every visible text on the page, with its contrast as shown. */
    @SuppressWarnings("unchecked")
    public static List<Text> texts(WebDriver browser) {
        List<List<Object>> raw = (List<List<Object>>) ((JavascriptExecutor) browser).executeScript(TEXTS);
        List<Text> out = new ArrayList<>();
        for (List<Object> r : raw) {
            double[] fg = rgba((String) r.get(2));
            int[] bg = rgb(rgba((String) r.get(3)));
            double alpha = fg[3] * ((Number) r.get(4)).doubleValue();
            int[] shown = new int[3];
            for (int i = 0; i < 3; i++) shown[i] = (int) Math.round(fg[i] * alpha + bg[i] * (1 - alpha));
            out.add(new Text((String) r.get(0), (String) r.get(1), shown, bg, contrast(shown, bg)));
        }
        return out;
    }

    /** The texts below WCAG AA. */
    public static List<Text> belowAA(WebDriver browser) {
        return texts(browser).stream().filter(t -> t.contrast() < AA).toList();
    }

    /** A computed colour ("rgb(1, 2, 3)") as r, g, b. */
    public static int[] color(WebElement e, String property) {
        return rgb(rgba(e.getCssValue(property)));
    }

    public static boolean overflowsSideways(WebDriver browser) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;");
    }

    private static final Pattern RGBA = Pattern.compile("rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)");

    static double[] rgba(String css) {
        Matcher m = RGBA.matcher(css);
        if (!m.find()) throw new IllegalArgumentException("not an rgb() colour: " + css);
        return new double[]{Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)),
                m.group(4) == null ? 1 : Double.parseDouble(m.group(4))};
    }

    static int[] rgb(double[] c) {
        return new int[]{(int) Math.round(c[0]), (int) Math.round(c[1]), (int) Math.round(c[2])};
    }

    /** WCAG 2 contrast ratio of two opaque colours. */
    public static double contrast(int[] a, int[] b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    public static double luminance(int[] c) {
        double[] l = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = c[i] / 255.0;
            l[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    }
}
