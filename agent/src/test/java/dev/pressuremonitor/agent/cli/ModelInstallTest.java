package dev.pressuremonitor.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** 'model install FILE.zip': a model fetched by hand on another machine, checked like a download. */
class ModelInstallTest {
    @TempDir
    Path dir;

    private Path archive(String fileName) throws IOException {
        Path zip = dir.resolve(fileName);
        try (OutputStream f = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(f)) {
            for (String entry : new String[]{"m/am/final.mdl", "m/conf/model.conf", "m/graph/words.txt"}) {
                z.putNextEntry(new ZipEntry(entry));
                z.write("x\n".getBytes());
                z.closeEntry();
            }
        }
        return zip;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void anArchiveWithTheExpectedChecksumIsUnpackedUnderItsFileName() throws Exception {
        Path zip = archive("my-model.zip");
        CliTest r = CliTest.run("", "model", "install", zip.toString(), "--sha256", sha256(zip), "--dir", dir.resolve("models").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(dir.resolve("models/my-model").toString());
        assertThat(dir.resolve("models/my-model/conf/model.conf")).exists();
        assertThat(zip).as("the user's archive stays where it was").exists();
    }

    @Test
    void anArchiveWithAnotherChecksumIsRefusedAndLeftAlone() throws Exception {
        Path zip = archive("my-model.zip");
        CliTest r = CliTest.run("", "model", "install", zip.toString(), "--sha256", "0".repeat(64), "--dir", dir.resolve("models").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("SHA-256 is " + sha256(zip) + ", expected " + "0".repeat(64)).contains("was left as it is");
        assertThat(zip).exists();
        assertThat(dir.resolve("models/my-model")).doesNotExist();
    }

    @Test
    void aFileNamedLikeAKnownModelIsCheckedAgainstThatModelsSize() throws Exception {
        Path zip = archive("vosk-model-small-en-us-0.15.zip");
        CliTest r = CliTest.run("", "model", "install", zip.toString(), "--dir", dir.resolve("models").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("has " + Files.size(zip) + " bytes, expected 41205931 for vosk-model-small-en-us-0.15");
        assertThat(dir.resolve("models/vosk-model-small-en-us-0.15")).doesNotExist();
    }

    @Test
    void anUnknownModelWithoutAChecksumIsInstalledWithAWarning() throws Exception {
        Path zip = archive("my-model.zip");
        CliTest r = CliTest.run("", "model", "install", zip.toString(), "--dir", dir.resolve("models").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("no SHA-256 is known for my-model: installing without a checksum check (pass --sha256 HEX to check one)");
    }
}
