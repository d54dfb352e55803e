package dev.pressuremonitor.agent.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pressuremonitor.agent.detect.learned.LearnedModel;
import dev.pressuremonitor.models.TeamModelFile;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/** Team model files for tests: the shipped learned model, wrapped for a team. */
public final class TeamModelFiles {
    private TeamModelFiles() {}

    public static byte[] of(String team, boolean accepted) throws Exception {
        ObjectMapper m = new ObjectMapper();
        ByteArrayOutputStream model = new ByteArrayOutputStream();
        LearnedModel.shipped().write(model, m.createObjectNode().put("test", true));
        return TeamModelFile.write(team, Instant.parse("2026-11-28T12:00:00Z"), dev.pressuremonitor.agent.detect.learned.SentenceEncoder.NAME + "@test", accepted,
                m.readTree("{\"ours\":{\"ok\":" + accepted + "}}"), m.readTree(model.toByteArray()));
    }
}
