package dev.pressuremonitor.server.calls;

import dev.pressuremonitor.models.CallSummary;
import dev.pressuremonitor.models.CallSummary.TimelineBucket;

import java.util.List;
import java.util.Locale;

import static dev.pressuremonitor.server.calls.SummaryBuilder.clock;

/**
 * The report's chart: pressure per stretch of the call as bars coloured by level, the rep's talk share as a line
 * against the 43% mark, and each pressure moment as a marker that names itself on hover. Every colour is a CSS
 * class, so the page's theme sets it; everything drawn has a scale and a legend entry.
 */
final class SummaryChart {
    static final int W = 720, H = 220, LEFT = 40, RIGHT = 14, TOP = 24, BOTTOM = 30;
    static final double WINNING_TALK_SHARE = 0.43;

    private SummaryChart() {}

    static String level(int pressure) {
        return pressure >= 66 ? "hot" : pressure >= 33 ? "warm" : "calm";
    }

    static String svg(CallSummary s) {
        List<TimelineBucket> b = s.timeline();
        double plotW = W - LEFT - RIGHT, plotH = H - TOP - BOTTOM, base = H - BOTTOM;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg id=\"timeline\" class=\"chart\" role=\"img\" aria-label=\"pressure (bars) and your talk share (line) over the call, 0 to 100\" viewBox=\"0 0 ")
                .append(W).append(' ').append(H).append("\" preserveAspectRatio=\"xMidYMid meet\">");
        // the scale: 0, 33, 66, 100 (the level boundaries), shared by pressure and talk share (%)
        for (int v : new int[]{0, 33, 66, 100}) {
            double y = base - plotH * v / 100.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"grid%s\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>", v == 0 ? " axis" : "", LEFT, y, W - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text class=\"tick y-tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>", LEFT - 6, y + 4, v));
        }
        double duration = s.duration();
        if (duration > 0) {
            double step = tickStep(duration);
            for (double t = 0; t <= duration + 1e-6; t += step) {
                double x = LEFT + plotW * t / duration;
                svg.append(String.format(Locale.ROOT, "<line class=\"tick-mark\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x, base, x, base + 4));
                svg.append(String.format(Locale.ROOT, "<text class=\"tick x-tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                        x, H - 10, t == 0 ? "start" : "middle", clock(t)));
            }
        }
        if (b.isEmpty() || duration <= 0) return svg.append("</svg>").toString();

        for (TimelineBucket k : b) {
            double x0 = LEFT + plotW * k.from() / duration, x1 = LEFT + plotW * k.to() / duration;
            double hgt = plotH * k.pressure() / 100.0;
            svg.append(String.format(Locale.ROOT, "<rect class=\"bucket bar-%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"1.5\"><title>%s to %s: pressure %d</title></rect>",
                    level(k.pressure()), x0 + 1, base - hgt, Math.max(1, x1 - x0 - 2), hgt, clock(k.from()), clock(k.to()), k.pressure()));
        }
        if (s.repTalkShare() != null) {
            double y = base - plotH * WINNING_TALK_SHARE;
            svg.append(String.format(Locale.ROOT, "<line class=\"ref\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"><title>43%% talk share: what wins most</title></line>",
                    LEFT, y, W - RIGHT, y));
        }
        StringBuilder talk = new StringBuilder();
        for (TimelineBucket k : b) {
            if (k.repTalkShare() == null) continue;
            double x = LEFT + plotW * (k.from() + k.to()) / 2 / duration;
            talk.append(talk.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, base - plotH * k.repTalkShare()));
        }
        if (talk.length() > 0) svg.append("<path class=\"talk\" d=\"").append(talk).append("\"><title>Your talk share</title></path>");
        for (CallSummary.AlertMoment a : s.alerts()) {
            double x = LEFT + plotW * Math.min(1, a.at() / duration);
            svg.append(String.format(Locale.ROOT, "<g class=\"alert-mark\" tabindex=\"0\"><title>%s %s: “%s”</title><path d=\"M%.1f %d l-6 -10 h12 z\"/></g>",
                    clock(a.at()), SummaryPage.words(a.category()), Html.esc(a.phrase()), x, TOP - 4));
        }
        return svg.append("</svg>").toString();
    }

    /** A tick every 30 s, 1, 2, 5, 10, 15 or 30 minutes: at most eight along the call. */
    static double tickStep(double duration) {
        for (double step : new double[]{30, 60, 120, 300, 600, 900, 1800}) if (duration / step <= 8) return step;
        return 3600;
    }

    static String legend(CallSummary s) {
        StringBuilder l = new StringBuilder("<ul class=\"legend\" id=\"legend\">");
        l.append("<li data-key=\"bar-calm\"><span class=\"swatch bar-calm\"></span>pressure, calm (0-32)</li>");
        l.append("<li data-key=\"bar-warm\"><span class=\"swatch bar-warm\"></span>building (33-65)</li>");
        l.append("<li data-key=\"bar-hot\"><span class=\"swatch bar-hot\"></span>high (66-100)</li>");
        if (s.repTalkShare() != null) {
            l.append("<li data-key=\"talk\"><span class=\"swatch line talk\"></span>your talk share (%)</li>");
            l.append("<li data-key=\"ref\"><span class=\"swatch line ref\"></span>43%: the talk share that wins most</li>");
        }
        if (!s.alerts().isEmpty()) l.append("<li data-key=\"alert-mark\"><span class=\"swatch mark\">▼</span>a pressure moment (point at it for the words)</li>");
        return l.append("</ul>").toString();
    }
}
