package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.CallSummary.TimelineBucket;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import static dev.pressuremonitor.server.calls.SummaryBuilder.clock;

/** A call summary as a calm, printable HTML page with an inline SVG timeline of pressure and talk. */
public final class SummaryPage {
    static final int W = 720, H = 160, PAD = 28;

    private SummaryPage() {}

    public static String render(CallSummary s) {
        return render(s, "");
    }

    /** @param query appended to the page's own links, e.g. "?token=..." so they work behind access control */
    public static String render(CallSummary s, String query) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Call with ").append(esc(s.rep())).append("</title><link rel=\"stylesheet\" href=\"/summary.css\"></head><body><main>");
        h.append("<header><h1>Call with ").append(esc(s.rep().isEmpty() ? "unknown rep" : s.rep())).append("</h1><p class=\"meta\">")
                .append(esc(Instant.ofEpochMilli(s.startedAt()).toString())).append(" · ").append(clock(s.duration()))
                .append(s.ended() ? "" : " so far (in progress)").append(s.team().isEmpty() ? "" : " · team " + esc(s.team()))
                .append("</p><p class=\"score\" id=\"pressure-score\">pressure score <strong>").append(s.pressureScore()).append("</strong>/100</p></header>");

        h.append("<section><h2>What to work on</h2><ol class=\"coaching\">");
        for (CallSummary.CoachingPoint p : s.coaching()) {
            h.append("<li><h3>").append(esc(p.title())).append(" <span class=\"at\">").append(clock(p.at())).append("</span></h3><p>")
                    .append(esc(p.detail())).append("</p><p class=\"trust\">").append(esc(p.trust())).append("</p></li>");
        }
        h.append("</ol></section>");

        h.append("<section><h2>Pressure and talk over the call</h2>").append(timeline(s)).append("<p class=\"legend\"><span class=\"k-pressure\">■</span> pressure (0-100)")
                .append(s.repTalkShare() == null ? "" : " <span class=\"k-talk\">━</span> your talk share").append(" <span class=\"k-alert\">▼</span> alert</p></section>");

        h.append("<section><h2>Conversation</h2><table class=\"figures\">");
        row(h, "Your talk share", s.repTalkShare() == null ? "not measured (no prospect channel)" : pct(s.repTalkShare()) + " (about 43% wins most)");
        row(h, "Longest monologue", clock(s.longestMonologue()) + " at " + clock(s.longestMonologueAt()));
        row(h, "Pace", String.format(Locale.ROOT, "%.0f words a minute", s.wordsPerMinute()));
        row(h, "Questions", (s.openQuestions() + s.closedQuestions()) + " (" + s.openQuestions() + " open, " + s.closedQuestions() + " closed)");
        row(h, "Interruptions", String.valueOf(s.interruptions()));
        row(h, "Pause before answering objections", s.objectionPauses().isEmpty() ? "none measured"
                : String.join(", ", s.objectionPauses().stream().map(p -> String.format(Locale.ROOT, "%.1f s", p)).toList()));
        h.append("</table></section>");

        h.append("<section><h2>").append(SummaryBuilder.PRESSURE_HEADING).append("</h2>");
        if (s.alerts().isEmpty()) h.append("<p>").append(SummaryBuilder.NONE_DETECTED).append("</p>");
        else {
            h.append("<table class=\"alerts\"><tr><th>when</th><th>what</th><th>words</th></tr>");
            for (CallSummary.AlertMoment a : s.alerts()) {
                h.append("<tr><td>").append(clock(a.at())).append("</td><td>").append(a.category().name().toLowerCase()).append("</td><td>“")
                        .append(esc(a.phrase())).append("”</td></tr>");
            }
            h.append("</table>");
        }
        h.append("</section><section><h2>").append(SummaryBuilder.TRUST_HEADING).append("</h2>");
        if (s.trustSignals().isEmpty()) h.append("<p>").append(SummaryBuilder.NONE_DETECTED).append("</p>");
        else {
            h.append("<ul class=\"trust-list\">");
            for (CallSummary.TrustMoment t : s.trustSignals()) h.append("<li>").append(clock(t.at())).append(" “").append(esc(t.phrase())).append("”</li>");
            h.append("</ul>");
        }
        h.append("</section><footer><a href=\"/calls/").append(esc(s.callId())).append(".md").append(esc(query)).append("\">Markdown</a> · <a href=\"/api/calls/")
                .append(esc(s.callId())).append(esc(query)).append("\">JSON</a></footer></main></body></html>");
        return h.toString();
    }

    static String timeline(CallSummary s) {
        List<TimelineBucket> b = s.timeline();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"timeline\" role=\"img\" aria-label=\"pressure and talk share over the call\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" width=\"100%\" preserveAspectRatio=\"none\">");
        double plotW = W - 2 * PAD, plotH = H - 2 * PAD;
        svg.append(line(PAD, H - PAD, W - PAD, H - PAD, "#999"));
        if (b.isEmpty() || s.duration() <= 0) return svg.append("</svg>").toString();
        double bw = plotW / b.size();
        for (int i = 0; i < b.size(); i++) {
            double hgt = plotH * b.get(i).pressure() / 100.0;
            String color = b.get(i).pressure() >= 66 ? "#b4453a" : b.get(i).pressure() >= 33 ? "#b7791f" : "#2f7d5b";
            svg.append(String.format(Locale.ROOT, "<rect class=\"bucket\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" opacity=\"0.75\"><title>%s-%s pressure %d</title></rect>",
                    PAD + i * bw + 1, H - PAD - hgt, Math.max(1, bw - 2), hgt, color, clock(b.get(i).from()), clock(b.get(i).to()), b.get(i).pressure()));
        }
        StringBuilder talk = new StringBuilder();
        for (int i = 0; i < b.size(); i++) {
            Double share = b.get(i).repTalkShare();
            if (share == null) continue;
            talk.append(talk.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", PAD + (i + 0.5) * bw, H - PAD - plotH * share));
        }
        if (talk.length() > 0) svg.append("<path class=\"talk\" d=\"").append(talk).append("\" fill=\"none\" stroke=\"#3a5bb4\" stroke-width=\"2\"/>");
        for (CallSummary.AlertMoment a : s.alerts()) {
            double x = PAD + plotW * Math.min(1, a.at() / s.duration());
            svg.append(String.format(Locale.ROOT, "<path class=\"alert-mark\" d=\"M%.1f %d l-4 -7 h8 z\" fill=\"#1d1d1b\"><title>%s %s: %s</title></path>",
                    x, PAD - 2, clock(a.at()), a.category().name().toLowerCase(), esc(a.phrase())));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#6b6b66\">0:00</text><text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#6b6b66\" text-anchor=\"end\">%s</text>",
                PAD, H - 8, W - PAD, H - 8, clock(s.duration())));
        return svg.append("</svg>").toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>", x1, y1, x2, y2, color);
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }

    static String esc(String s) {
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
}
