package dev.pressuremonitor.server.team;

import dev.pressuremonitor.models.CallRow;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.TeamReport;
import dev.pressuremonitor.server.calls.CallFilter;
import dev.pressuremonitor.server.calls.CallStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the team page and a rep's page show, gathered from the store: the period's figures against the period
 * before, each rep's weekly pressure score, the categories that grew, and the calls.
 */
record TeamView(Period period, long from, long to, String team, List<Rep> reps, TeamReport.RepStats total, long trendFrom) {
    static final int MAX_CALLS = 1000;

    /** A choice of period on the page. */
    record Period(String key, String label, Duration length, int trendWeeks) {}

    static final List<Period> PERIODS = List.of(
            new Period("7d", "7 days", Duration.ofDays(7), 8),
            new Period("4w", "4 weeks", Duration.ofDays(28), 8),
            new Period("12w", "12 weeks", Duration.ofDays(84), 12));
    static final Period DEFAULT = PERIODS.get(1);

    static Period period(String key) {
        return PERIODS.stream().filter(p -> p.key().equals(key)).findFirst().orElse(null);
    }

    /** A category whose alerts per call rose against the period before. */
    record Growth(Category category, double before, double now) {}

    /**
     * @param weekly mean pressure score per week, oldest first; null for a week without calls
     * @param calls  the rep's ended calls in the period, newest first
     */
    record Rep(String rep, String team, TeamReport.RepStats stats, Double[] weekly, int[] weeklyCalls, List<Growth> grew, List<CallRow> calls) {}

    /** @param onlyRep one rep's page, or null for the whole team */
    static TeamView build(CallStore store, String team, String onlyRep, Period period, long now) throws Exception {
        long to = now, from = now - period.length().toMillis();
        TeamReport current = store.team(team, from, to);
        TeamReport before = store.team(team, from - period.length().toMillis(), from);
        long week = Duration.ofDays(7).toMillis();
        long trendFrom = now - period.trendWeeks() * week;
        Map<String, List<CallRow>> byRep = new HashMap<>();
        for (CallRow r : store.list(new CallFilter(onlyRep, team, Math.min(trendFrom, from), to, MAX_CALLS))) {
            if (r.endedAt() != null) byRep.computeIfAbsent(r.rep(), k -> new ArrayList<>()).add(r);
        }
        Map<String, TeamReport.RepStats> previous = new HashMap<>();
        before.reps().forEach(s -> previous.put(s.rep(), s));
        List<Rep> reps = new ArrayList<>();
        for (TeamReport.RepStats s : current.reps()) {
            if (onlyRep != null && !onlyRep.equals(s.rep())) continue;
            List<CallRow> rows = byRep.getOrDefault(s.rep(), List.of());
            Double[] weekly = new Double[period.trendWeeks()];
            int[] counts = new int[period.trendWeeks()];
            double[] sums = new double[period.trendWeeks()];
            for (CallRow r : rows) {
                if (r.pressureScore() == null || r.startedAt() < trendFrom) continue;
                int i = (int) Math.min(period.trendWeeks() - 1, (r.startedAt() - trendFrom) / week);
                sums[i] += r.pressureScore();
                counts[i]++;
            }
            for (int i = 0; i < weekly.length; i++) weekly[i] = counts[i] == 0 ? null : sums[i] / counts[i];
            List<CallRow> inPeriod = rows.stream().filter(r -> r.startedAt() >= from).sorted(Comparator.comparingLong(CallRow::startedAt).reversed()).toList();
            reps.add(new Rep(s.rep(), s.team(), s, weekly, counts, grew(s, previous.get(s.rep())), inPeriod));
        }
        return new TeamView(period, from, to, team, reps, current.total(), trendFrom);
    }

    /** Categories with more alerts per call than before (by at least 0.2 a call), the biggest rise first. */
    static List<Growth> grew(TeamReport.RepStats now, TeamReport.RepStats before) {
        if (before == null || before.calls() == 0) return List.of();
        Map<Category, Double> was = new HashMap<>();
        before.alertsPerCall().forEach(c -> was.put(c.category(), c.perCall()));
        List<Growth> out = new ArrayList<>();
        for (TeamReport.CategoryRate c : now.alertsPerCall()) {
            double b = was.getOrDefault(c.category(), 0.0);
            if (c.perCall() - b >= 0.2) out.add(new Growth(c.category(), b, c.perCall()));
        }
        out.sort(Comparator.comparingDouble((Growth g) -> g.now() - g.before()).reversed());
        return out;
    }
}
