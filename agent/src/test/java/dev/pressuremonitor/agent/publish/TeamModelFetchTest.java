package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.server.PressureServer;
import dev.pressuremonitor.server.ServerConfig;
import dev.pressuremonitor.server.access.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The agent gets its team's refitted model when it starts, checks it, keeps a copy, and falls back when it must. */
class TeamModelFetchTest {
    @TempDir
    Path cache;
    PressureServer server;
    String emeaAgent, apacAgent;

    @BeforeEach
    void start() throws Exception {
        server = PressureServer.start(ServerConfig.defaults().withPort(0).withAuth(true));
        emeaAgent = server.store().createToken(Principal.Kind.AGENT, "ana", "emea");
        apacAgent = server.store().createToken(Principal.Kind.AGENT, "bo", "apac");
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    URI address() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws/agent?rep=ana&team=emea");
    }

    TeamModelFetch.Result fetch(String token) {
        return TeamModelFetch.fetch(address(), "emea", "ana", token, cache, Duration.ofSeconds(5));
    }

    /** Fetches again after the server stopped, as an agent started while the server is away would. */
    TeamModelFetch.Result fetchWithTheServerGone() {
        URI gone = address();
        server.close();
        server = null;
        return TeamModelFetch.fetch(gone, "emea", "ana", emeaAgent, cache, Duration.ofSeconds(5));
    }

    @Test
    void theTeamsModelIsUsedAndKept() throws Exception {
        byte[] file = TeamModelFiles.of("emea", true);
        String sha = server.store().teamSettings().pushModel("emea", file, 1).sha256();

        TeamModelFetch.Result r = fetch(emeaAgent);

        assertThat(r.model()).isNotNull();
        assertThat(r.file().sha256()).isEqualTo(sha);
        assertThat(r.said()).contains("using team 'emea''s refitted learned model " + sha.substring(0, 12));
        assertThat(cache.resolve("emea.json")).hasBinaryContent(file);
    }

    @Test
    void withNoModelOnTheServerTheShippedOneIsUsedAndSaid() {
        TeamModelFetch.Result r = fetch(emeaAgent);

        assertThat(r.model()).isNull();
        assertThat(r.said()).contains("has no refitted model").contains("shipped learned model");
    }

    @Test
    void whenTheServerIsAwayTheKeptCopyIsUsedAndSaid() throws Exception {
        server.store().teamSettings().pushModel("emea", TeamModelFiles.of("emea", true), 1);
        fetch(emeaAgent);

        TeamModelFetch.Result r = fetchWithTheServerGone();

        assertThat(r.model()).isNotNull();
        assertThat(r.said()).contains("could not get team 'emea''s model").contains("using the copy kept from before");
    }

    @Test
    void whyTheServerCouldNotBeReachedIsSaidInWords() {
        int port = server.port();

        TeamModelFetch.Result r = fetchWithTheServerGone();

        assertThat(r.model()).isNull();
        assertThat(r.said()).contains("(connection refused by 127.0.0.1:" + port + ")").contains("using the shipped learned model");
    }

    @Test
    void aKeptCopyChangedSinceIsNotUsed() throws Exception {
        server.store().teamSettings().pushModel("emea", TeamModelFiles.of("emea", true), 1);
        fetch(emeaAgent);
        Path kept = cache.resolve("emea.json");
        Files.writeString(kept, Files.readString(kept).replaceFirst("\"live\" : true", "\"live\" : false"));

        TeamModelFetch.Result r = fetchWithTheServerGone();

        assertThat(r.model()).isNull();
        assertThat(r.said()).contains("checksum mismatch").contains("using the shipped learned model");
    }

    @Test
    void anotherTeamsModelIsNeverUsed() throws Exception {
        server.store().teamSettings().pushModel("apac", TeamModelFiles.of("apac", true), 1);

        // an agent of emea given apac's token: the server hands out apac's model, and the agent will not use it
        TeamModelFetch.Result r = fetch(apacAgent);

        assertThat(r.model()).isNull();
        assertThat(r.said()).contains("team 'apac''s, not 'emea''s").contains("shipped learned model");
    }
}
