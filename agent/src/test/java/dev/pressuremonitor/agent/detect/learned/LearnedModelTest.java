package dev.pressuremonitor.agent.detect.learned;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pressuremonitor.models.Category;
import dev.pressuremonitor.models.TeamModelFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The learned model's file, as {@code train} writes it and the agent reads it (alone or inside a team model file). */
class LearnedModelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // dense part of two features, two hash slots, bias
    private static final LinearHead HEAD = new LinearHead(List.of("NONE", "URGENCY", "COUNTER"), new float[][]{
            {0.5f, 0, 0, 0, 1},
            {2, -1, 0.25f, 0, 0},
            {0, 1, 0, 1.5f, -0.5f}});

    private static final LearnedModel MODEL = new LearnedModel(HEAD, 2, 0.75, Map.of(Category.URGENCY, 0.6, Category.COUNTER, 0.8), false);

    private static byte[] written(LearnedModel model) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out, JSON.createObjectNode().put("trainedOn", "test"));
        return out.toByteArray();
    }

    private static LearnedModel read(byte[] bytes) throws IOException {
        return LearnedModel.read(new ByteArrayInputStream(bytes), "model.json");
    }

    private static LearnedModel read(String json) throws IOException {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertSameModel(LearnedModel back, LearnedModel model) {
        assertThat(back.hashSlots()).isEqualTo(model.hashSlots());
        assertThat(back.hashWeight()).isEqualTo(model.hashWeight());
        assertThat(back.thresholds()).isEqualTo(model.thresholds());
        assertThat(back.live()).isEqualTo(model.live());
        assertThat(back.head().labels()).isEqualTo(model.head().labels());
        Features f = new Features(new float[]{1, 0.5f}, new int[]{1}, 0.75f);
        assertThat(back.head().probabilities(f)).containsExactly(model.head().probabilities(f), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aWrittenModelReadsBackAsItWas() throws IOException {
        assertSameModel(read(written(MODEL)), MODEL);
        LearnedModel live = new LearnedModel(HEAD, 3, 1.0, Map.of(Category.COUNTER, 0.7), true);
        assertSameModel(read(written(live)), live);
    }

    @Test
    void theFileNamesOnlyTheThresholdsTheModelHas() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(written(MODEL));
        assertThat(root.path("thresholds").properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("URGENCY", "COUNTER");
        assertThat(root.path("about").path("trainedOn").asText()).isEqualTo("test");
    }

    @Test
    void theModelShippedInTheJarIsReadable() throws IOException {
        LearnedModel shipped = LearnedModel.shipped();
        assertThat(shipped.head().labels().get(0)).isEqualTo("NONE");
        assertThat(shipped.hashSlots()).isPositive();
        assertThat(shipped.thresholds()).isNotEmpty();
    }

    private static byte[] teamFile(LearnedModel model, boolean accepted) throws IOException {
        return TeamModelFile.write("east", Instant.parse("2026-11-28T12:00:00Z"), SentenceEncoder.NAME + "@test", accepted,
                JSON.createObjectNode(), JSON.readTree(written(model)));
    }

    @Test
    void aTeamsAcceptedRefitIsReadFromItsTeamModelFile() throws Exception {
        assertSameModel(read(teamFile(MODEL, true)), MODEL);
        assertSameModel(LearnedModel.of(TeamModelFile.read(teamFile(MODEL, true)), "east.json"), MODEL);
    }

    @Test
    void aRefitThatTrainRefusedIsNotUsedAndTheRepIsToldWhatToDo() {
        assertThatThrownBy(() -> read(teamFile(MODEL, false))).isInstanceOf(IOException.class)
                .hasMessageContaining("model.json").hasMessageContaining("refused").hasMessageContaining("keep the model in use");
    }

    @Test
    void aTeamModelFileChangedAfterTrainIsRefused() throws IOException {
        String changed = new String(teamFile(MODEL, true), StandardCharsets.UTF_8).replace("\"east\"", "\"west\"");
        assertThatThrownBy(() -> read(changed)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("model.json: checksum mismatch");
    }

    @Test
    void aFileThatIsNoModelIsRefusedWithTheCommandThatWritesOne() {
        assertThatThrownBy(() -> read("{not json")).hasMessage("model.json is not readable JSON; write it again with 'pressure-monitor train'");
        assertThatThrownBy(() -> read("")).hasMessageContaining("model.json is not a model written by 'pressure-monitor train'");
        assertThatThrownBy(() -> read("{\"format\":\"something-else/1\"}"))
                .hasMessage("model.json is not a model written by 'pressure-monitor train' (no format pressure-monitor-learned/1)");
    }

    private static String withFeatures(String features) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(written(MODEL));
        root.set("features", JSON.readTree(features));
        return root.toString();
    }

    @Test
    void aModelWithoutItsHashedWordSettingsIsRefused() throws IOException {
        String message = "model.json: 'features' needs hashSlots (at least 1) and hashWeight; train it again";
        assertThatThrownBy(() -> read(withFeatures("{\"hashWeight\":1.0}"))).hasMessage(message);
        assertThatThrownBy(() -> read(withFeatures("{\"hashSlots\":4}"))).hasMessage(message);
        // with no slot for the turn's words, every turn judged live would fail
        assertThatThrownBy(() -> read(withFeatures("{\"hashSlots\":0,\"hashWeight\":1.0}"))).hasMessage(message);
        assertThat(read(withFeatures("{\"hashSlots\":1,\"hashWeight\":1.0}")).hashSlots()).isEqualTo(1);
    }

    @Test
    void aThresholdForAnUnknownCategoryIsRefusedNamingIt() throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(written(MODEL));
        ((ObjectNode) root.path("thresholds")).put("HURRY", 0.5);
        assertThatThrownBy(() -> read(root.toString())).hasMessage("model.json: threshold for unknown category 'HURRY'");
    }

    @Test
    void aHeadWhoseFirstLabelIsNotNoneIsRefused() throws IOException {
        LinearHead swapped = new LinearHead(List.of("URGENCY", "NONE", "COUNTER"), HEAD.weights());
        ObjectNode root = (ObjectNode) JSON.readTree(written(MODEL));
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        swapped.write(h, JSON.createObjectNode());
        root.set("head", JSON.readTree(h.toByteArray()));
        assertThatThrownBy(() -> read(root.toString())).hasMessage("model.json: the head's first label must be NONE");
    }
}
