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
    /**
     * "mm-hmm", "sure" and "yeah that's right" are not a turn: a prospect turn takes the floor at this length or
     * word count, so one- to three-word backchannels under a second leave a rep's monologue running.
     */
    static final double TURN_MIN_SECONDS = 1.0;
    static final int TURN_MIN_WORDS = 4;
    /** A reply of at most this many words while the other side carries on is a backchannel ("sure", "right, okay"). */
    static final int BACKCHANNEL_WORDS = 3;
    private static final java.util.Set<String> BACKCHANNEL = java.util.Set.of("yeah", "yes", "yep", "yup", "right", "sure", "okay", "ok",
            "mm", "mhm", "mmhmm", "hmm", "uh", "huh", "uhhuh", "um", "got", "it", "i", "see", "totally", "absolutely", "exactly", "true",
            "cool", "great", "makes", "sense", "of", "course", "wow", "oh", "ah", "alright", "gotcha", "interesting", "fair", "enough");
    /** The two channels' clocks may disagree by this much: a reply this early still follows the objection. */
    static final double OBJECTION_SKEW = 0.5;
    /** Pace needs this much recent rep speech to mean anything. */
    static final double PACE_MIN_TALK = 15;
    static final double PACE_WINDOW = 60;
    /** Recognisers round times to hundredths: a word starting this close before the settled end is still new. */
    static final double REPEAT_TOLERANCE = 0.005;

    private final boolean prospectChannel;
    private final MetricsThresholds thresholds;
    private final QuestionCounter questions = new QuestionCounter();
    private final List<Word> rep = new ArrayList<>();
    private final List<Word> prospect = new ArrayList<>();
    private final List<Double> objectionEnds = new ArrayList<>();
    private final double[] talk = new double[2];
    private final double[] lastEnd = {-1, -1};
    /** Per speaker, where the words settled so far end: a final starting before this repeats them. */
    private final double[] settledEnd = {-1, -1};
    private int openQuestions;
    private int closedQuestions;

    public ConversationMetrics(boolean prospectChannel, MetricsThresholds thresholds) {
        this.prospectChannel = prospectChannel;
        this.thresholds = thresholds;
    }

    /**
     * A settled utterance. A final result that repeats words already settled for its speaker (vosk-server sends
     * some finals twice) adds only its new words, so nothing is counted twice.
     *
     * @return whether it carried any word not heard before
     */
    public boolean add(Utterance u) {
        List<Word> target = u.speaker() == Speaker.REP ? rep : prospect;
        int s = u.speaker().ordinal();
        int firstNew = u.words().size();
        for (int i = 0; i < u.words().size(); i++) {
            Word w = u.words().get(i);
            if (w.start() < settledEnd[s] - REPEAT_TOLERANCE) continue; // words of an earlier final, heard again
            if (firstNew == u.words().size()) firstNew = i;
            target.add(w);
            boolean joined = lastEnd[s] >= 0 && w.start() - lastEnd[s] <= JOIN_GAP;
            talk[s] += joined ? Math.max(0, w.end() - lastEnd[s]) : w.duration();
            lastEnd[s] = Math.max(lastEnd[s], w.end());
        }
        if (firstNew == u.words().size()) return false;
        settledEnd[s] = Math.max(settledEnd[s], u.words().get(u.words().size() - 1).end());
        if (u.speaker() == Speaker.REP) {
            List<Token> tokens = u.tokens();
            if (firstNew > 0) {
                int from = 0;
                while (from < tokens.size() && tokens.get(from).word() < firstNew) from++;
                tokens = tokens.subList(from, tokens.size());
            }
            QuestionCounter.Count c = questions.count(tokens, u.words());
            openQuestions += c.open();
            closedQuestions += c.closed();
        }
        return true;
    }

    /** The prospect objected or challenged value in words that ended at {@code at}. */
    public void objection(double at) {
        if (!objectionEnds.contains(at)) objectionEnds.add(at);
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
        boolean prospectSinceLast = t < turns.size() && turns.get(turns.size() - 1)[0] >= prevEnd;
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
                boolean repWasQuiet = prevRepEnd <= turn[0];
                if (inside && repWasQuiet) count++;
            }
            prevRepEnd = Math.max(prevRepEnd, w.end());
        }
        return count;
    }

    /**
     * The rep's pause before answering each objection: from the end of the prospect's turn that raised it to the
     * rep's first word of the reply. A turn runs on while the prospect keeps talking (the rep's one- to three-word
     * backchannels do not end it); an objection the rep has not answered yet has no pause, and several objections
     * in one turn share their one answer.
     */
    private List<Double> objectionPauses() {
        List<Double> pauses = new ArrayList<>();
        int lastAnswer = -1;
        for (double at : objectionEnds) {
            int answer = answerAfter(at);
            if (answer < 0 || answer == lastAnswer) continue;
            lastAnswer = answer;
            double replyAt = rep.get(answer).start();
            double turnEnd = at;
            for (Word w : prospect) {
                if (w.start() >= replyAt) break;
                if (w.start() >= at - OBJECTION_SKEW) turnEnd = Math.max(turnEnd, w.end());
            }
            pauses.add(Math.max(0, replyAt - turnEnd));
        }
        return pauses;
    }

    private boolean isBackchannel(int from, int to) {
        if (to - from > BACKCHANNEL_WORDS) return false;
        for (int k = from; k < to; k++) if (!BACKCHANNEL.contains(Normalizer.clean(rep.get(k).text()))) return false;
        return true;
    }

    /** Index of the rep's first word that takes the floor after an objection ending at {@code at}, or -1. */
    private int answerAfter(double at) {
        int i = 0;
        while (i < rep.size() && rep.get(i).start() < at - OBJECTION_SKEW) i++;
        while (i < rep.size()) {
            int j = i + 1;
            while (j < rep.size() && rep.get(j).start() - rep.get(j - 1).end() <= TURN_JOIN) j++;
            double nextRun = j < rep.size() ? rep.get(j).start() : Double.MAX_VALUE;
            boolean prospectGoesOn = false;
            for (Word w : prospect) {
                if (w.start() > rep.get(i).start() && w.start() < nextRun) {
                    prospectGoesOn = true;
                    break;
                }
            }
            // "right", "sure, okay" while the prospect carries on is listening, not the answer
            if (prospectGoesOn && isBackchannel(i, j)) {
                i = j;
                continue;
            }
            return i;
        }
        return -1;
    }
}
