package dev.pressuremonitor.agent.detect;

import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.models.Word;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClauseSegmenterTest {
    private final ClauseSegmenter segmenter = new ClauseSegmenter();

    private int[] clauses(String text) {
        return segmenter.clauses(TextTokenizer.words(text, 0));
    }

    @Test
    void sentenceEndsSemicolonsAndDashesStartANewClause() {
        assertThat(clauses("Thanks for that. Are you free? Great; sign today")).containsExactly(0, 0, 0, 1, 1, 1, 2, 3, 3);
        assertThat(clauses("it's fair \u2014 but the price goes up")).containsExactly(0, 0, 1, 1, 1, 1, 1);
        assertThat(clauses("it's fair - but")).containsExactly(0, 0, 1);
        assertThat(clauses("a follow-up call")).as("a hyphen inside a word is no break").containsExactly(0, 0, 0, 0);
    }

    @Test
    void aCommaBreaksOnlyBeforeAWordThatOpensAClause() {
        assertThat(clauses("No rush, but the offer ends")).containsExactly(0, 0, 1, 1, 1, 1);
        assertThat(clauses("Friday, Saturday or Sunday")).containsExactly(0, 0, 0, 0);
    }

    @Test
    void abbreviationsAndTimesAreNotSentenceEnds() {
        assertThat(clauses("call Mr. Smith by 5 p.m. today")).containsExactly(0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void aSentenceEndsAtAFullStopQuestionOrExclamationMarkNotAtASemicolonDashOrComma() {
        List<Word> w = TextTokenizer.words("fine; well\u2014 so, but yes. really? great! ok", 0);
        boolean[] ends = new boolean[w.size() - 1];
        for (int i = 1; i < w.size(); i++) ends[i - 1] = segmenter.sentenceEnds(w.get(i - 1), w.get(i));
        assertThat(ends).containsExactly(false, false, false, false, true, true, true);
    }

    @Test
    void aPauseInLiveWordTimingsIsAClauseBreak() {
        List<Word> words = new ArrayList<>(Words.at(0, 0.3, "there is no rush"));
        words.addAll(Words.at(2.0, 0.3, "the offer ends friday")); // 0.9 s of silence before "the"
        assertThat(segmenter.clauses(words)).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
        List<Word> flowing = Words.at(0, 0.3, "there is no rush the offer ends friday");
        assertThat(segmenter.clauses(flowing)).containsOnly(0);
    }

    @Test
    void theBreakIsATokenAttributeNotText() {
        Utterance u = Utterance.of(Speaker.REP, TextTokenizer.words("Fine. I'm here", 0));
        assertThat(u.tokens()).extracting(Token::text).containsExactly("fine", "i", "am", "here");
        assertThat(u.tokens()).extracting(Token::clause).containsExactly(0, 1, 1, 1);
    }

    @Test
    void aSentenceEndInsideAClosingQuoteStillEndsTheClause() {
        assertThat(clauses("he said \"no rush.\" the offer")).containsExactly(0, 0, 0, 0, 1, 1);
    }

    @Test
    void aPauseOfExactlyTheLimitIsNoClauseBreak() {
        assertThat(segmenter.clauses(List.of(new Word("no", 0.0, 0.05, 1), new Word("rush", 0.65, 0.9, 1)))).containsExactly(0, 0);
        assertThat(segmenter.clauses(List.of(new Word("no", 0.0, 0.05, 1), new Word("rush", 0.66, 0.9, 1)))).containsExactly(0, 1);
    }

    @Test
    void anEllipsisEndsTheClause() {
        assertThat(clauses("wait... the offer")).containsExactly(0, 1, 1);
    }
}
