package dev.pressuremonitor.agent.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** A WAV file's own recording time, as recorders write it; never the analysis time or the file's copy time. */
class WavRecordingTimeTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @TempDir
    Path dir;

    static byte[] chunk(String id, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.ISO_8859_1)).putInt(data.length).put(data);
        return b.array();
    }

    private Path wav(byte[]... chunks) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(chunk("fmt ", new byte[16]));
        for (byte[] c : chunks) body.writeBytes(c);
        body.writeBytes(chunk("data", new byte[3200]));
        byte[] riff = chunk("RIFF", body.toByteArray());
        return Files.write(dir.resolve("call.wav"), riff);
    }

    static byte[] bext(String date, String time) {
        byte[] b = new byte[602];
        System.arraycopy(date.getBytes(StandardCharsets.ISO_8859_1), 0, b, 320, 10);
        System.arraycopy(time.getBytes(StandardCharsets.ISO_8859_1), 0, b, 330, 8);
        return chunk("bext", b);
    }

    static byte[] infoList(String created) {
        byte[] icrd = Arrays.copyOf(created.getBytes(StandardCharsets.ISO_8859_1), created.length() + 1);
        byte[] info = ByteBuffer.allocate(4 + 8 + icrd.length + (icrd.length & 1)).put("INFO".getBytes(StandardCharsets.ISO_8859_1))
                .put(chunk("ICRD", icrd)).array();
        return chunk("LIST", info);
    }

    @Test
    void aBroadcastWavGivesItsOriginationTimeInTheRecordersZone() throws IOException {
        assertThat(WavRecordingTime.of(wav(bext("2026-11-20", "14:03:05")), PARIS)).hasValue(Instant.parse("2026-11-20T13:03:05Z"));
    }

    @Test
    void aCreationDateWithATimeOfDayInTheInfoListIsUsed() throws IOException {
        assertThat(WavRecordingTime.of(wav(infoList("2026-11-20 14:03")), PARIS)).hasValue(Instant.parse("2026-11-20T13:03:00Z"));
        assertThat(WavRecordingTime.of(wav(infoList("2026-11-20T14:03:00Z")), PARIS)).hasValue(Instant.parse("2026-11-20T14:03:00Z"));
    }

    @Test
    void aDateWithoutATimeOfDayIsNotARecordingTime() throws IOException {
        assertThat(WavRecordingTime.of(wav(infoList("2026-11-20")), PARIS)).isEmpty();
    }

    @Test
    void aPlainWavHasNoRecordingTime() throws IOException {
        assertThat(WavRecordingTime.of(wav(), PARIS)).isEmpty();
    }

    @Test
    void aBroadcastWavWithAnEmptyOriginationIsNotDated() throws IOException {
        assertThat(WavRecordingTime.of(wav(bext("\0\0\0\0\0\0\0\0\0\0", "\0\0\0\0\0\0\0\0")), PARIS)).isEmpty();
    }
}
