package dev.pressuremonitor.agent.detect.learned;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedding cache behind {@code train --with-feedback}, with a stand-in for the sentence model that says which
 * texts it had to embed: a second run reuses what the first computed, and only new texts cost model time.
 */
class EmbeddingCacheTest {
    private static final String MODEL = SentenceEncoder.NAME + "@0123456789abcdef";

    @TempDir
    Path dir;

    private final List<String> embedded = new ArrayList<>();

    /** A vector that differs from text to text, with values a float keeps exactly. */
    private float[] encode(String text) {
        embedded.add(text);
        return new float[]{text.length(), -0.5f * text.chars().sum(), 0.125f};
    }

    private EmbeddingCache open() throws IOException {
        return EmbeddingCache.open(dir, MODEL, this::encode);
    }

    private static float[] expected(String text) {
        return new float[]{text.length(), -0.5f * text.chars().sum(), 0.125f};
    }

    @Test
    void aSecondRunGetsTheSameVectorsWithoutRunningTheModel() throws IOException {
        EmbeddingCache first = open();
        first.embed("we need it signed today");
        first.embed("what would make this work for you");
        first.save();
        embedded.clear();

        EmbeddingCache second = open();
        assertThat(second.embed("we need it signed today")).containsExactly(expected("we need it signed today"));
        assertThat(second.embed("what would make this work for you")).containsExactly(expected("what would make this work for you"));
        assertThat(second.computed()).isZero();
        assertThat(embedded).isEmpty();
    }

    @Test
    void aTextNotSeenBeforeIsEmbeddedAndCountedOnceAndTheRestAreNot() throws IOException {
        EmbeddingCache first = open();
        first.embed("we need it signed today");
        first.save();
        embedded.clear();

        EmbeddingCache second = open();
        second.embed("we need it signed today");
        assertThat(second.embed("we need it signed today!")).containsExactly(expected("we need it signed today!"));
        second.embed("we need it signed today!");
        assertThat(second.computed()).isEqualTo(1);
        assertThat(embedded).containsExactly("we need it signed today!");
    }

    @Test
    void eachRunAddsToWhatEarlierRunsKept() throws IOException {
        EmbeddingCache first = open();
        first.embed("one");
        first.save();
        EmbeddingCache second = open();
        second.embed("two");
        second.save();
        long size = Files.size(second.file());
        second.save();
        assertThat(Files.size(second.file())).as("saving again with nothing new writes nothing").isEqualTo(size);
        embedded.clear();

        EmbeddingCache third = open();
        assertThat(third.embed("one")).containsExactly(expected("one"));
        assertThat(third.embed("two")).containsExactly(expected("two"));
        assertThat(embedded).isEmpty();
    }

    @Test
    void anotherSentenceModelDoesNotUseTheseVectors() throws IOException {
        EmbeddingCache first = open();
        first.embed("we need it signed today");
        first.save();
        embedded.clear();

        EmbeddingCache other = EmbeddingCache.open(dir, SentenceEncoder.NAME + "@fedcba9876543210", this::encode);
        other.embed("we need it signed today");
        assertThat(other.computed()).isEqualTo(1);
        assertThat(other.file()).isNotEqualTo(first.file());
        assertThat(embedded).containsExactly("we need it signed today");
    }

    @Test
    void theFileIsNamedAfterTheModelWithOnlySafeCharacters() throws IOException {
        EmbeddingCache c = EmbeddingCache.open(dir, "mini/LM:v2 int8@ab", this::encode);
        assertThat(c.file()).isEqualTo(dir.resolve("embeddings-mini_LM_v2_int8@ab.bin"));
    }

    @Test
    void theDirectoryIsMadeOnTheFirstSaveAndNothingIsWrittenWhenNothingWasComputed() throws IOException {
        Path data = dir.resolve("data/cache");
        EmbeddingCache empty = EmbeddingCache.open(data, MODEL, this::encode);
        empty.save();
        assertThat(data).doesNotExist();

        EmbeddingCache c = EmbeddingCache.open(data, MODEL, this::encode);
        c.embed("sign today");
        c.save();
        assertThat(c.file()).exists().hasParent(data);
        embedded.clear();
        assertThat(EmbeddingCache.open(data, MODEL, this::encode).embed("sign today")).containsExactly(expected("sign today"));
        assertThat(embedded).isEmpty();
    }

    @Test
    void aRecordCutShortByACrashIsEmbeddedAgainAndLaterRunsStillReadBack() throws IOException {
        EmbeddingCache first = open();
        first.embed("kept");
        first.embed("cut short");
        first.save();
        try (FileChannel ch = FileChannel.open(first.file(), StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5); // the crash hit while the last vector was written
        }
        embedded.clear();

        EmbeddingCache second = open();
        assertThat(second.embed("kept")).containsExactly(expected("kept"));
        assertThat(second.embed("cut short")).containsExactly(expected("cut short"));
        assertThat(embedded).containsExactly("cut short");
        second.embed("new");
        second.save();
        embedded.clear();

        EmbeddingCache third = open();
        for (String t : List.of("kept", "cut short", "new")) assertThat(third.embed(t)).as(t).containsExactly(expected(t));
        assertThat(embedded).isEmpty();
    }

    @Test
    void aFileLeftEmptyOrHalfStartedByACrashIsStartedAgain() throws IOException {
        for (byte[] left : List.of(new byte[0], new byte[]{0x50, 0x4d})) {
            Path file = open().file();
            Files.write(file, left);
            EmbeddingCache c = open();
            c.embed("sign today");
            c.save();
            embedded.clear();
            assertThat(open().embed("sign today")).containsExactly(expected("sign today"));
            assertThat(embedded).as("after a file of %d bytes", left.length).isEmpty();
            Files.delete(file);
        }
    }

    @Test
    void aFileThatIsNoCacheIsRefusedSayingHowToGoOn() throws IOException {
        Path file = open().file();
        Files.writeString(file, "not an embedding cache at all");
        assertThatThrownBy(this::open).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("delete it and train again");
    }
}
