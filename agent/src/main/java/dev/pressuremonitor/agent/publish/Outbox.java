package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.Envelope;
import dev.pressuremonitor.models.EventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Events not yet acknowledged by the server, kept on disk so that neither a server crash nor an agent crash loses
 * them: per call, an append-only log of events ({@code CALL.events}) and of acknowledged seqs ({@code CALL.acks}).
 * A call whose every event is acknowledged is deleted once it has ended; until then a small {@code CALL.open} note
 * keeps how far it got, so a crash with nothing waiting still leaves the call to be closed by the next run. Bounded: past {@code capacity} events waiting, new ones
 * are not kept (the caller says so once). Used from one thread.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** One waiting event. */
    public record Item(String callId, long seq, String json) {}

    private final Path dir;
    private final int capacity;
    private final Map<String, LinkedHashMap<Long, String>> waiting = new LinkedHashMap<>();
    private final Map<String, BufferedWriter> eventLogs = new HashMap<>();
    private final Map<String, BufferedWriter> ackLogs = new HashMap<>();
    private final Map<String, CallMark> marks = new HashMap<>();
    private int size;

    /** How far a call got: its highest seq, whether it ended, and the latest call time any event mentioned. */
    public record CallMark(long lastSeq, boolean ended, double lastAt) {
        CallMark with(Envelope e) {
            double at = lastAt;
            if (e.data() instanceof dev.pressuremonitor.models.MetricsSnapshot m) at = Math.max(at, m.at());
            if (e.data() instanceof dev.pressuremonitor.models.Alert a) at = Math.max(at, a.end());
            if (e.data() instanceof dev.pressuremonitor.models.CallEnded c) at = Math.max(at, c.duration());
            return new CallMark(Math.max(lastSeq, e.seq()), ended || e.data() instanceof dev.pressuremonitor.models.CallEnded, at);
        }
    }

    private Outbox(Path dir, int capacity) {
        this.dir = dir;
        this.capacity = capacity;
    }

    /** An outbox that keeps events in memory only (a local server in the same process needs no disk copy). */
    public static Outbox inMemory(int capacity) {
        return new Outbox(null, capacity);
    }

    /** Opens (or creates) the outbox in {@code dir}, loading what an earlier run left unacknowledged. */
    public static Outbox open(Path dir, int capacity) throws IOException {
        if (dir == null) return inMemory(capacity);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrict(dir, "rwx------"); // what a rep said in a call, waiting: for the rep's eyes only
        }
        Outbox o = new Outbox(dir, capacity);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".open")) o.loadOpen(f);
                else if (name.endsWith(".events")) o.load(f);
            }
        }
        return o;
    }

    /** The note of a call whose events were all acknowledged but which had not ended: "lastSeq lastAt". */
    private void loadOpen(Path note) {
        String callId = note.getFileName().toString().replaceFirst("\\.open$", "");
        try {
            String[] f = Files.readString(note, StandardCharsets.UTF_8).trim().split(" ");
            CallMark m = new CallMark(Long.parseLong(f[0]), false, Double.parseDouble(f[1]));
            marks.merge(callId, m, (a, b) -> new CallMark(Math.max(a.lastSeq(), b.lastSeq()), a.ended() || b.ended(), Math.max(a.lastAt(), b.lastAt())));
        } catch (IOException | RuntimeException torn) {
            log.warn("outbox: the note {} cannot be read ({}): that call is left as the server has it", note.getFileName(), torn.getMessage());
        }
    }

    private void load(Path events) throws IOException {
        String callId = events.getFileName().toString().replaceFirst("\\.events$", "");
        Set<Long> acked = new HashSet<>();
        Path acks = dir.resolve(callId + ".acks");
        if (Files.exists(acks)) {
            for (String line : Files.readAllLines(acks, StandardCharsets.UTF_8)) {
                try {
                    acked.add(Long.parseLong(line.trim()));
                } catch (NumberFormatException torn) {
                    // the last line of a crashed run may be cut short: ignore it
                }
            }
        }
        LinkedHashMap<Long, String> left = new LinkedHashMap<>();
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            try {
                Envelope e = EventCodec.decode(line);
                marks.merge(callId, new CallMark(0, false, 0).with(e), (a, b) -> a.with(e));
                if (!acked.contains(e.seq())) left.put(e.seq(), line);
            } catch (DecodeException torn) {
                log.debug("outbox {}: skipping a damaged line ({})", events.getFileName(), torn.getMessage());
            }
        }
        if (left.isEmpty()) {
            settled(callId);
            return;
        }
        waiting.put(callId, left);
        size += left.size();
    }

    /** Keeps the event until acknowledged; false when the outbox is full and it was not kept. */
    public boolean add(Envelope e, String json) {
        if (size >= capacity) return false;
        LinkedHashMap<Long, String> call = waiting.computeIfAbsent(e.callId(), k -> new LinkedHashMap<>());
        if (call.putIfAbsent(e.seq(), json) != null) return true;
        size++;
        marks.merge(e.callId(), new CallMark(0, false, 0).with(e), (a, b) -> a.with(e));
        write(eventLogs, e.callId(), ".events", json);
        return true;
    }

    /** The server has it: forget it, and the whole call once nothing of it waits. */
    public void ack(String callId, long seq) {
        LinkedHashMap<Long, String> call = waiting.get(callId);
        if (call == null || call.remove(seq) == null) return;
        size--;
        if (call.isEmpty()) {
            waiting.remove(callId);
            settled(callId);
        } else {
            write(ackLogs, callId, ".acks", Long.toString(seq));
        }
    }

    /** Everything waiting, oldest call first, each call in seq order. */
    public List<Item> pending() {
        List<Item> out = new ArrayList<>(size);
        for (var c : waiting.entrySet()) {
            c.getValue().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.add(new Item(c.getKey(), e.getKey(), e.getValue())));
        }
        return out;
    }

    /**
     * Up to {@code max} waiting events, oldest call first and each call in the order its events were made (seq order),
     * passing over those {@code skip} names; stops as soon as it has enough, so a long backlog costs little.
     */
    public List<Item> pending(int max, java.util.function.Predicate<Item> skip) {
        List<Item> out = new ArrayList<>(Math.min(max, size));
        for (var c : waiting.entrySet()) {
            for (var e : c.getValue().entrySet()) {
                if (out.size() >= max) return out;
                Item i = new Item(c.getKey(), e.getKey(), e.getValue());
                if (!skip.test(i)) out.add(i);
            }
        }
        return out;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size >= capacity;
    }

    /** Calls that still have events waiting (after {@link #open}: those an earlier run left). */
    public Set<String> calls() {
        return Set.copyOf(waiting.keySet());
    }

    /** What is known of a call that has events waiting. */
    public CallMark mark(String callId) {
        return marks.getOrDefault(callId, new CallMark(0, false, 0));
    }

    /** Pushes what was written to the operating system; called after each burst of events. */
    public void flush() {
        try {
            for (BufferedWriter w : eventLogs.values()) w.flush();
            for (BufferedWriter w : ackLogs.values()) w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outbox in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void write(Map<String, BufferedWriter> logs, String callId, String suffix, String line) {
        if (dir == null) return;
        try {
            BufferedWriter w = logs.get(callId);
            if (w == null) {
                w = Files.newBufferedWriter(privateFile(dir.resolve(callId + suffix)), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                logs.put(callId, w);
            }
            w.write(line);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the outbox in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Everything of the call is acknowledged: it is forgotten if it ended, else only a note of how far it got is kept. */
    private void settled(String callId) {
        CallMark m = marks.get(callId);
        if (m == null || m.ended() || dir == null) {
            delete(callId);
            return;
        }
        closeQuietly(eventLogs.remove(callId));
        closeQuietly(ackLogs.remove(callId));
        try {
            // the note first: a crash in between leaves both, never neither
            Path tmp = dir.resolve(callId + ".open.tmp");
            Files.deleteIfExists(tmp);
            Files.writeString(privateFile(tmp), m.lastSeq() + " " + m.lastAt(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(callId + ".open"), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(dir.resolve(callId + ".events"));
            Files.deleteIfExists(dir.resolve(callId + ".acks"));
        } catch (IOException e) {
            log.warn("outbox: cannot note how far call {} got: {}", callId, e.getMessage());
        }
    }

    /** Calls an earlier run left unfinished (no call_ended made), whether or not events of them still wait. */
    public Set<String> unfinished() {
        Set<String> out = new java.util.TreeSet<>();
        marks.forEach((id, m) -> {
            if (!m.ended()) out.add(id);
        });
        return out;
    }

    private void delete(String callId) {
        closeQuietly(eventLogs.remove(callId));
        closeQuietly(ackLogs.remove(callId));
        marks.remove(callId);
        if (dir == null) return;
        try {
            Files.deleteIfExists(dir.resolve(callId + ".events"));
            Files.deleteIfExists(dir.resolve(callId + ".acks"));
            Files.deleteIfExists(dir.resolve(callId + ".open"));
        } catch (IOException e) {
            log.warn("outbox: cannot delete the finished call {}: {}", callId, e.getMessage());
        }
    }

    /** The file, created readable by its owner only if it is new. */
    private static Path privateFile(Path f) throws IOException {
        if (Files.exists(f)) return f;
        Files.createFile(f);
        restrict(f, "rw-------");
        return f;
    }

    private static void restrict(Path p, String perms) throws IOException {
        if (!Files.getFileStore(p).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) return;
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(perms));
    }

    private static void closeQuietly(BufferedWriter w) {
        if (w == null) return;
        try {
            w.close();
        } catch (IOException ignored) {
            // best effort: the data was flushed before
        }
    }

    @Override
    public void close() {
        flush();
        eventLogs.values().forEach(Outbox::closeQuietly);
        ackLogs.values().forEach(Outbox::closeQuietly);
        eventLogs.clear();
        ackLogs.clear();
    }
}
