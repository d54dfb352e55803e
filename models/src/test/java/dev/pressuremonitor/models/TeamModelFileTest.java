package dev.pressuremonitor.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A team model file carries a SHA-256 of its content: any change to a value is caught, layout is not content. */
class TeamModelFileTest {
    static byte[] file() throws Exception {
        ObjectMapper m = new ObjectMapper();
        JsonNode model = m.readTree("{\"format\":\"pressure-monitor-learned/1\",\"weights\":[[0.123457,-1.0E-7,3.5]]}");
        JsonNode comparison = m.readTree("{\"ours\":{\"ok\":true}}");
        return TeamModelFile.write("emea", Instant.parse("2026-11-28T12:00:00Z"), "all-MiniLM-L6-v2-int8@abc", true, comparison, model);
    }

    @Test
    void aFileReadsBackWithItsTeamEncoderAndVerdict() throws Exception {
        TeamModelFile f = TeamModelFile.read(file());

        assertThat(f.team()).isEqualTo("emea");
        assertThat(f.baseEncoder()).isEqualTo("all-MiniLM-L6-v2-int8@abc");
        assertThat(f.accepted()).isTrue();
        assertThat(f.sha256()).hasSize(64);
    }

    @Test
    void aChangedWeightIsAChecksumMismatchThatSaysWhatToDo() throws Exception {
        String text = new String(file(), StandardCharsets.UTF_8).replace("0.123457", "0.923457");

        assertThatThrownBy(() -> TeamModelFile.read(text.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("checksum mismatch").hasMessageContaining("train again");
    }

    @Test
    void aFileCutShortIsRefused() throws Exception {
        byte[] f = file();

        assertThatThrownBy(() -> TeamModelFile.read(java.util.Arrays.copyOf(f, f.length / 2))).hasMessageContaining("not readable JSON");
    }

    @Test
    void reIndentingTheFileKeepsItValid() throws Exception {
        ObjectMapper m = new ObjectMapper();
        String compact = new String(file(), StandardCharsets.UTF_8).replaceAll("\\n\\s*", "");

        assertThat(TeamModelFile.read(compact.getBytes(StandardCharsets.UTF_8)).team()).isEqualTo("emea");
    }

    @Test
    void aPlainLearnedModelIsNotATeamModel() {
        assertThatThrownBy(() -> TeamModelFile.read("{\"format\":\"pressure-monitor-learned/1\"}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("train --with-feedback");
    }
}
