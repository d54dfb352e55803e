package dev.pressuremonitor.server.calls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What every server-made page shares: head, styles, the script that shows dates in the reader's time zone, escaping. */
public final class Html {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Html() {}

    /**
     * @param standalone a file opened from disk: styles and script inline, since there is no server to fetch them from
     */
    public static void head(StringBuilder h, String title, boolean standalone) {
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title>");
        if (standalone) h.append("<style>").append(resource("overlay/summary.css")).append("</style>");
        else h.append("<link rel=\"stylesheet\" href=\"/summary.css\">");
        h.append("</head><body><main>");
    }

    public static void tail(StringBuilder h, boolean standalone) {
        h.append("</main>");
        if (standalone) h.append("<script>").append(resource("overlay/report.js")).append("</script>");
        else h.append("<script src=\"/report.js\"></script>");
        h.append("</body></html>");
    }

    /** A moment, written in UTC for readers without scripts and rewritten in the reader's own time zone by report.js. */
    public static String time(long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        return "<time datetime=\"" + at + "\">" + UTC.format(at) + "</time>";
    }

    /** A day, for periods; report.js rewrites it in the reader's zone. */
    public static String day(long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        return "<time datetime=\"" + at + "\" data-day>" + DAY.format(at) + "</time>";
    }

    public static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A page for a browser that asked for something it cannot have: what went wrong and what to do. */
    public static String errorPage(int status, String message) {
        StringBuilder h = new StringBuilder(2048);
        head(h, "Pressure Monitor: " + (status == 401 || status == 403 ? "not allowed" : status == 404 ? "not found" : "something went wrong"), false);
        h.append("<header class=\"report-head\"><p class=\"eyebrow\">Pressure Monitor</p><h1>")
                .append(status == 401 ? "This page needs a token" : status == 403 ? "This token cannot open this page"
                        : status == 404 ? "Nothing here" : status == 400 ? "This address is not quite right" : "Something went wrong")
                .append("</h1></header><p class=\"problem\" id=\"error\">").append(esc(message)).append("</p>")
                .append("<p class=\"meta\">HTTP ").append(status).append("</p>");
        tail(h, false);
        return h.toString();
    }

    /** {@link #errorPage} as the response a page's route answers with. */
    public static dev.pressuremonitor.server.http.HttpApi.Response errorResponse(io.netty.handler.codec.http.HttpResponseStatus status, String message) {
        return dev.pressuremonitor.server.http.HttpApi.Response.text(status, "text/html; charset=utf-8", errorPage(status.code(), message));
    }

    private static String resource(String name) {
        try (InputStream in = Html.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the jar: rebuild with 'mvn -B package'");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
