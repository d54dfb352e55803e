package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.Alert;
import dev.pressuremonitor.models.CallStarted;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.Event;
import dev.pressuremonitor.models.EventCodec;
import dev.pressuremonitor.models.FeedbackMark;
import dev.pressuremonitor.models.MarkRequest;
import dev.pressuremonitor.models.Reframe;
import dev.pressuremonitor.models.Severity;
import dev.pressuremonitor.models.Speaker;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import dev.pressuremonitor.server.calls.CallStore;
import dev.pressuremonitor.server.feedback.Marking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code feedback export}: a team's marks as corpus lines, from the database here or from a team server. */
class FeedbackCommandTest {
    static final Principal ANA = new Principal(Principal.Kind.VIEWER, "ana", "emea");

    static void append(CallStore store, long seq, Event e) {
        Envelope env = new Envelope("c1", seq, 1, e);
        store.append(env).join();
    }

    /** ana's call with a CHASE nudge (alert 2) she marked not pressure, and a stretch she says was CLOSE. */
    static void markedCall(CallStore store) throws Exception {
        append(store, 1, new CallStarted("ana", "emea", 1, true));
        append(store, 2, new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 10, 11, true,
                new Reframe("never-chase", "Never chase.", "What changed?")));
        Marking marking = new Marking(store, Clock.systemUTC());
        marking.mark(ANA, "c1", MarkRequest.alert(FeedbackMark.Kind.NOT_PRESSURE, 2));
        marking.mark(ANA, "c1", MarkRequest.missedStretch(Category.CLOSE, 40, 50));
    }

    @Test
    void exportsTheTeamsMarksAsCorpusLinesThatEvalReads(@TempDir Path dir) throws Exception {
        try (CallStore store = CliTest.store(dir)) {
            markedCall(store);
        }
        CliTest r = CliTest.run("", "feedback", "export", "--team", "emea", "--data", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).singleElement().asString()
                .matches("\\{\"id\":\"emea-fb-[0-9a-f]+\",\"domain\":\"emea\",\"text\":\"just checking in\",\"label\":\"NONE\"}");
        Path lines = Files.writeString(dir.resolve("emea.jsonl"), r.out());
        CliTest eval = CliTest.run("", "eval", "--learned", "off", lines.toString());
        assertThat(eval.code()).as("eval reads the exported file: " + eval.err()).isZero();
    }

    @Test
    void withSourceEachLineAlsoNamesItsCallAndRule(@TempDir Path dir) throws Exception {
        try (CallStore store = CliTest.store(dir)) {
            markedCall(store);
        }
        CliTest r = CliTest.run("", "feedback", "export", "--team", "emea", "--with-source", "--data", dir.toString());
        assertThat(r.out().strip()).endsWith("\"label\":\"NONE\",\"call\":\"c1\",\"rule\":\"chase.checking-in\"}");
    }

    @Test
    void withoutATeamItExportsTheCallsMadeWithoutOneUnderTheirOwnDomain(@TempDir Path dir) throws Exception {
        try (CallStore store = CliTest.store(dir)) {
            append(store, 1, new CallStarted("ana", "", 1, true));
            append(store, 2, new Alert(Category.CHASE, "chase.checking-in", "just checking in", Severity.MEDIUM, Speaker.REP, 10, 11, true,
                    new Reframe("never-chase", "Never chase.", "What changed?")));
            new Marking(store, Clock.systemUTC()).mark(new Principal(Principal.Kind.VIEWER, "ana", ""), "c1", MarkRequest.alert(FeedbackMark.Kind.CONFIRMED, 2));
        }
        CliTest r = CliTest.run("", "feedback", "export", "--data", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"domain\":\"own-calls\",\"text\":\"just checking in\",\"label\":\"CHASE\"");
    }

    @Test
    void saysHowManyMarksItSkippedAndWhy(@TempDir Path dir) throws Exception {
        try (CallStore store = CliTest.store(dir)) {
            markedCall(store);
        }
        CliTest r = CliTest.run("", "feedback", "export", "--team", "emea", "--data", dir.toString());
        assertThat(r.err()).contains("exported 1 line for team emea (1 of them only the matched phrase: the call's transcript was not kept)")
                .contains("skipped 1:\n  1 a missed stretch of a call whose transcript was not kept: no words to label");
    }

    /** A team server on a free port, tokens required, with ana's marked call. */
    static PressureServer teamServer(Path dir) throws Exception {
        PressureServer server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true).withDb("jdbc:sqlite:" + dir.resolve("s.db")));
        markedCall(server.store());
        return server;
    }

    @Test
    void exportsFromATeamServerWithTheTeamsToken(@TempDir Path dir) throws Exception {
        try (PressureServer server = teamServer(dir)) {
            String team = server.store().createToken(Principal.Kind.TEAM, "*", "emea");
            CliTest r = CliTest.run("", "feedback", "export", "--team", "emea", "--server", "http://127.0.0.1:" + server.port(), "--token", team);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"text\":\"just checking in\",\"label\":\"NONE\"");
        }
    }

    @Test
    void anotherTeamsTokenIsRefusedWithTheServersReason(@TempDir Path dir) throws Exception {
        try (PressureServer server = teamServer(dir)) {
            String apac = server.store().createToken(Principal.Kind.TEAM, "*", "apac");
            CliTest r = CliTest.run("", "feedback", "export", "--team", "emea", "--server", "http://127.0.0.1:" + server.port(), "--token", apac);
            assertThat(r.code()).isNotZero();
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("answered 403").contains("team 'apac''s");
        }
    }
}
