package dev.pressuremonitor.agent.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a WAV file was recorded, where the file itself says so: the origination date and time of a Broadcast WAV
 * {@code bext} chunk, or a {@code ICRD} (creation date) entry of its {@code LIST INFO} chunk that holds a time of day
 * too. Times without an offset are read in the given zone (the recorder's clock is local). A file that says nothing,
 * or only a date, has no known recording time: the file's modification time is not used, since a copy changes it.
 */
public final class WavRecordingTime {
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})\\D(\\d{2})\\D(\\d{2})[T ](\\d{2})\\D(\\d{2})(?:\\D(\\d{2}))?(.*)");

    private WavRecordingTime() {
    }

    public static Optional<Instant> of(Path wav, ZoneId zone) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(wav)) {
            ByteBuffer head = read(ch, 12);
            if (head == null || !ascii(head, 0, 4).equals("RIFF") || !ascii(head, 8, 4).equals("WAVE")) return Optional.empty();
            Optional<Instant> fromInfo = Optional.empty();
            for (long pos = 12; pos + 8 <= ch.size(); ) {
                ch.position(pos);
                ByteBuffer chunk = read(ch, 8);
                if (chunk == null) break;
                String id = ascii(chunk, 0, 4);
                long size = Integer.toUnsignedLong(chunk.getInt(4));
                if (id.equals("bext") && size >= 338) {
                    ByteBuffer b = read(ch, 338);
                    if (b != null) {
                        Optional<Instant> at = parse(ascii(b, 320, 10) + " " + ascii(b, 330, 8), zone);
                        if (at.isPresent()) return at;
                    }
                } else if (id.equals("LIST") && size >= 4 && size < 1 << 20) {
                    ByteBuffer list = read(ch, (int) size);
                    if (list != null && ascii(list, 0, 4).equals("INFO")) fromInfo = info(list, zone);
                }
                pos += 8 + size + (size & 1);
            }
            return fromInfo;
        }
    }

    private static Optional<Instant> info(ByteBuffer list, ZoneId zone) {
        for (int p = 4; p + 8 <= list.limit(); ) {
            String id = ascii(list, p, 4);
            int size = list.getInt(p + 4);
            if (size < 0 || p + 8 + size > list.limit()) break;
            if (id.equals("ICRD")) return parse(ascii(list, p + 8, size), zone);
            p += 8 + size + (size & 1);
        }
        return Optional.empty();
    }

    /** "2026-11-20 14:03:05", "2026:11:20 14:03", "2026-11-20T14:03:05+01:00": a date with a time of day, else nothing. */
    static Optional<Instant> parse(String text, ZoneId zone) {
        Matcher m = DATE_TIME.matcher(text.replace("\0", "").strip());
        if (!m.matches()) return Optional.empty();
        try {
            String local = m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + ":" + m.group(5) + ":" + (m.group(6) == null ? "00" : m.group(6));
            String offset = m.group(7).strip();
            if (offset.isEmpty()) return Optional.of(LocalDateTime.parse(local).atZone(zone).toInstant());
            return Optional.of(OffsetDateTime.parse(local + offset).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ByteBuffer read(SeekableByteChannel ch, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) return null;
        }
        return b.flip();
    }

    private static String ascii(ByteBuffer b, int at, int n) {
        byte[] bytes = new byte[Math.max(0, Math.min(n, b.limit() - at))];
        b.get(at, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
