package dev.pressuremonitor.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The overlay page and its files, read once from the classpath (no build step, no CDN). */
public final class StaticAssets {
    public record Asset(byte[] body, String contentType) {}

    private static final Map<String, String> FILES = Map.of(
            "/", "overlay/index.html",
            "/index.html", "overlay/index.html",
            "/overlay.css", "overlay/overlay.css",
            "/overlay.js", "overlay/overlay.js",
            "/summary.css", "overlay/summary.css",
            "/report.js", "overlay/report.js",
            "/api.js", "overlay/api.js",
            "/feedback.js", "overlay/feedback.js",
            "/team-feedback.js", "overlay/team-feedback.js",
            "/rules.js", "overlay/rules.js");

    private final Map<String, Asset> assets;

    public StaticAssets() {
        java.util.HashMap<String, Asset> m = new java.util.HashMap<>();
        for (var e : FILES.entrySet()) m.put(e.getKey(), new Asset(read(e.getValue()), type(e.getValue())));
        assets = Map.copyOf(m);
    }

    public Asset find(String path) {
        return assets.get(path);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the classpath: rebuild with 'mvn -B package'");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        return "application/octet-stream";
    }
}
