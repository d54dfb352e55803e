package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.MetricsThresholds;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Metrics stage: talk share, monologues, pace, questions, interruptions and objection pauses, computed from the
 * settled words of both speakers. The two channels arrive out of order with each other, so figures that
 * compare speakers are computed from the whole timeline when asked for.
 */
public final class ConversationMetrics {
    /** Gaps shorter than this inside one speaker's speech still count as talking. */
    static final double JOIN_GAP = 0.3;
    /** Rep silence longer than this ends a monologue even when no prospect channel tells us who spoke. */
    static final double MONOLOGUE_BREAK_SILENCE = 3.0;
    /** Prospect words closer than this belong to one turn. */
    static final double TURN_JOIN = 1.0;
    /** "mm-hmm" and "yeah" are not a turn: a prospect turn takes the floor at this length or word count. */
    static final double TURN_MIN_SECONDS = 1.0;
    static final int TURN_MIN_WORDS = 3;
    /** Pace needs this much recent rep speech to mean anything. */
    static final double PACE_MIN_TALK = 15;
    static final double PACE_WINDOW = 60;

    private final boolean prospectChannel;
    private final MetricsThresholds thresholds;
    private final QuestionCounter questions = new QuestionCounter();
    private final List<Word> rep = new ArrayList<>();
    private final List<Word> prospect = new ArrayList<>();
    private final List<Double> objectionEnds = new ArrayList<>();
    private final double[] talk = new double[2];
    private final double[] lastEnd = {-1, -1};
    private int openQuestions;
    private int closedQuestions;

    public ConversationMetrics(boolean prospectChannel, MetricsThresholds thresholds) {
        this.prospectChannel = prospectChannel;
        this.thresholds = thresholds;
    }

    /** A settled utterance. */
    public void add(Utterance u) {
        List<Word> target = u.speaker() == Speaker.REP ? rep : prospect;
        int s = u.speaker().ordinal();
        for (Word w : u.words()) {
            if (!target.isEmpty() && w.start() < target.get(target.size() - 1).start()) continue; // replayed words
            target.add(w);
            boolean joined = lastEnd[s] >= 0 && w.start() - lastEnd[s] <= JOIN_GAP;
            talk[s] += joined ? Math.max(0, w.end() - lastEnd[s]) : w.duration();
            lastEnd[s] = Math.max(lastEnd[s], w.end());
        }
        if (u.speaker() == Speaker.REP) {
            QuestionCounter.Count c = questions.count(u.tokens());
            openQuestions += c.open();
            closedQuestions += c.closed();
        }
    }

    /** The prospect objected or challenged value in words that ended at {@code at}. */
    public void objection(double at) {
        objectionEnds.add(at);
    }

    public record Figures(double repTalk, double prospectTalk, Double repTalkShare, double currentMonologue,
                          double longestMonologue, double longestMonologueAt, double wordsPerMinute,
                          int openQuestions, int closedQuestions, int interruptions, List<Double> objectionPauses,
                          List<String> warnings) {
        public Double lastObjectionPause() {
            return objectionPauses.isEmpty() ? null : objectionPauses.get(objectionPauses.size() - 1);
        }
    }

    public Figures figures(double now) {
        List<double[]> turns = prospectTurns();
        double[] mono = monologues(turns, now);
        double wpm = pace(now);
        Double share = null;
        if (prospectChannel && talk[0] + talk[1] > 0) share = talk[0] / (talk[0] + talk[1]);
        List<Double> pauses = objectionPauses();
        List<String> warnings = new ArrayList<>();
        if (share != null && talk[0] + talk[1] >= 60 && share > thresholds.talkShareWarn()) warnings.add("talk-share-high");
        if (mono[0] > thresholds.monologueWarnSeconds()) warnings.add("monologue-long");
        if (wpm > thresholds.wpmMax()) warnings.add("pace-fast");
        if (wpm > 0 && wpm < thresholds.wpmMin()) warnings.add("pace-slow");
        return new Figures(talk[0], talk[1], share, mono[0], mono[1], mono[2], wpm, openQuestions, closedQuestions,
                interruptions(turns), pauses, warnings);
    }

    /** Prospect turns that take the floor, as [start, end] pairs. */
    private List<double[]> prospectTurns() {
        List<double[]> turns = new ArrayList<>();
        double start = -1, end = -1;
        int words = 0;
        for (Word w : prospect) {
            if (start >= 0 && w.start() - end <= TURN_JOIN) {
                end = Math.max(end, w.end());
                words++;
                continue;
            }
            if (start >= 0 && (end - start >= TURN_MIN_SECONDS || words >= TURN_MIN_WORDS)) turns.add(new double[]{start, end});
            start = w.start();
            end = w.end();
            words = 1;
        }
        if (start >= 0 && (end - start >= TURN_MIN_SECONDS || words >= TURN_MIN_WORDS)) turns.add(new double[]{start, end});
        return turns;
    }

    /** [current, longest, longestStartedAt]. */
    private double[] monologues(List<double[]> turns, double now) {
        double longest = 0, longestAt = 0, monoStart = -1, prevEnd = -1;
        int t = 0;
        for (Word w : rep) {
            boolean broken = monoStart < 0 || w.start() - prevEnd > MONOLOGUE_BREAK_SILENCE;
            while (t < turns.size() && turns.get(t)[0] < w.start()) {
                if (turns.get(t)[0] > monoStart) broken = true;
                t++;
            }
            if (broken) monoStart = w.start();
            prevEnd = Math.max(prevEnd, w.end());
            if (prevEnd - monoStart > longest) {
                longest = prevEnd - monoStart;
                longestAt = monoStart;
            }
        }
        double current = 0;
        boolean prospectSinceLast = t < turns.size() && turns.get(turns.size() - 1)[0] > prevEnd;
        if (monoStart >= 0 && now - prevEnd <= MONOLOGUE_BREAK_SILENCE && !prospectSinceLast) current = prevEnd - monoStart;
        return new double[]{current, longest, longestAt};
    }

    private double pace(double now) {
        double from = now - PACE_WINDOW;
        int words = 0;
        double spoken = 0, nextStart = -1;
        for (int i = rep.size() - 1; i >= 0; i--) {
            Word w = rep.get(i);
            if (w.start() < from) break;
            words++;
            spoken += w.duration();
            if (nextStart >= 0 && nextStart - w.end() <= JOIN_GAP) spoken += Math.max(0, nextStart - w.end());
            nextStart = w.start();
        }
        return spoken >= PACE_MIN_TALK ? words * 60.0 / spoken : 0;
    }

    /** The rep starting to speak while a prospect turn is still under way, when the rep was not already talking. */
    private int interruptions(List<double[]> turns) {
        if (!prospectChannel) return 0;
        int count = 0, t = 0;
        double prevRepEnd = -1;
        for (Word w : rep) {
            while (t < turns.size() && turns.get(t)[1] < w.start()) t++;
            if (t < turns.size()) {
                double[] turn = turns.get(t);
                boolean inside = turn[0] < w.start() && w.start() < turn[1] - 0.3;
                boolean repWasQuiet = prevRepEnd < turn[0];
                if (inside && repWasQuiet) count++;
            }
            prevRepEnd = Math.max(prevRepEnd, w.end());
        }
        return count;
    }

    private List<Double> objectionPauses() {
        List<Double> pauses = new ArrayList<>();
        for (double at : objectionEnds) {
            for (Word w : rep) {
                if (w.start() >= at - 0.5) {
                    pauses.add(Math.max(0, w.start() - at));
                    break;
                }
            }
        }
        return pauses;
    }
}
