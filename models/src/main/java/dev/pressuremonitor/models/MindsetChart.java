package dev.pressuremonitor.models;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The seven shifts from pressure to trust (seeds/mindset.json), looked up by id. */
public final class MindsetChart {
    private static final String RESOURCE = "seeds/mindset.json";
    private static volatile MindsetChart standard;

    private final Map<String, Shift> shifts;

    public MindsetChart(List<Shift> shifts) {
        Map<String, Shift> m = new LinkedHashMap<>();
        for (Shift s : shifts) {
            if (m.put(s.id(), s) != null) throw new IllegalArgumentException("mindset chart: shift '" + s.id() + "' is listed twice");
        }
        this.shifts = Map.copyOf(m);
        this.order = List.copyOf(shifts);
    }

    private final List<Shift> order;

    /** The chart shipped in the jar. */
    public static MindsetChart standard() {
        MindsetChart c = standard;
        if (c == null) {
            try (InputStream in = MindsetChart.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath: rebuild with 'mvn -B package'");
                c = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (DecodeException e) {
                throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
            }
            standard = c;
        }
        return c;
    }

    public static MindsetChart parse(String json) throws DecodeException {
        JsonNode root = Json.readTree(json);
        JsonNode list = root.get("shifts");
        if (list == null || !list.isArray()) throw new DecodeException("missing field 'shifts' (an array)");
        List<Shift> out = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                out.add(Json.convert(list.get(i), Shift.class));
            } catch (DecodeException e) {
                throw new DecodeException("shifts[" + i + "]: " + e.getMessage(), e);
            }
        }
        return new MindsetChart(out);
    }

    public Optional<Shift> find(String id) {
        return Optional.ofNullable(shifts.get(id));
    }

    public List<Shift> shifts() {
        return order;
    }
}
