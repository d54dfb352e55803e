package dev.pressuremonitor.server.access;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database cannot be asked about a token (here its tokens table is away, renamed by another process's
 * connection): the answer is 503 "cannot check now", logged, never 401 "unknown token", and it heals by itself.
 */
class TokenLookupFailureTest {
    @TempDir
    Path dir;
    PressureServer server;
    String db;
    String viewer;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void start() throws Exception {
        db = "jdbc:sqlite:" + dir.resolve("calls.db");
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true).withDb(db));
        viewer = server.store().createToken(Principal.Kind.VIEWER, "ana", "emea");
        log.start();
        ((Logger) LoggerFactory.getLogger(AccessControl.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AccessControl.class)).detachAppender(log);
        server.close();
    }

    void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(db); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    HttpResponse<String> calls() throws Exception {
        return Clients.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/calls"))
                .header("Authorization", "Bearer " + viewer).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aTokenThatCannotBeCheckedIsAnswered503AndLogged() throws Exception {
        sql("ALTER TABLE tokens RENAME TO tokens_away");
        HttpResponse<String> r = calls();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("cannot check tokens right now").contains("try again shortly");
        assertThat(Clients.refusal(server.port(), "/ws/overlay?rep=ana&token=" + viewer, null, null))
                .startsWith("503").contains("cannot check tokens right now");
        assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("cannot look up a token"));

        sql("ALTER TABLE tokens_away RENAME TO tokens");
        assertThat(calls().statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownTokenIsStill401() throws Exception {
        viewer = "pm_this_token_was_never_made";
        assertThat(calls().statusCode()).isEqualTo(401);
    }
}
