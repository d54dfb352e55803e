package dev.pressuremonitor.agent.publish;

import dev.pressuremonitor.agent.detect.learned.LearnedModel;
import dev.pressuremonitor.agent.stt.model.DownloadFailure;
import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.TeamModelFile;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Gets the team's refitted learned model from the server when the agent starts ({@code GET /api/agent/model}),
 * checks it (checksum, accepted by {@code train}, made for this team), keeps a copy, and says which model the agent
 * uses, once. When the server has none the agent uses the shipped model; when the download fails it uses the copy
 * it kept, or the shipped model.
 */
public final class TeamModelFetch {
    /** What the agent will use: the team's model (null for the shipped one) and a line saying so. */
    public record Result(LearnedModel model, TeamModelFile file, String said) {}

    private TeamModelFetch() {}

    public static Result fetch(URI agentAddress, String team, String rep, String token, Path cacheDir, Duration timeout) {
        Path cached = cacheDir.resolve(team.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        URI uri = modelAddress(agentAddress, team, rep);
        String why;
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (token != null) req.header("Authorization", "Bearer " + token);
            HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
            HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() == 404) {
                Files.deleteIfExists(cached);
                return new Result(null, null, "team '" + team + "' has no refitted model on the server: using the shipped learned model");
            }
            if (res.statusCode() != 200) {
                why = "the server answered " + res.statusCode() + " " + new String(res.body(), StandardCharsets.UTF_8).strip();
            } else {
                Result r = check(res.body(), team, "the server's model for team '" + team + "'");
                Files.createDirectories(cacheDir);
                Path tmp = Files.createTempFile(cacheDir, "team-model", ".tmp");
                Files.write(tmp, res.body());
                Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return using(r, team, "");
            }
        } catch (IOException e) {
            why = DownloadFailure.describe(e, uri, timeout, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        if (Files.isRegularFile(cached)) {
            try {
                Result r = check(Files.readAllBytes(cached), team, cached.toString());
                return new Result(r.model(), r.file(), "could not get team '" + team + "''s model from " + uri.getHost() + " (" + why
                        + "): using the copy kept from before, " + r.file().sha256().substring(0, 12));
            } catch (IOException e) {
                why += "; the kept copy " + cached + " is unusable too (" + e.getMessage() + ")";
            }
        }
        return new Result(null, null, "could not get team '" + team + "''s model from " + uri.getHost() + " (" + why + "): using the shipped learned model");
    }

    /**
     * The team's model pushed to the database a single-user {@code run} keeps ({@code body} null: none pushed), as
     * {@link #fetch} would get it from a server: checked, and said once; an unusable one leaves the shipped model.
     */
    public static Result stored(byte[] body, String team, String where) {
        if (body == null) return new Result(null, null, "team '" + team + "' has no refitted model in " + where + ": using the shipped learned model");
        try {
            Result r = check(body, team, "team '" + team + "''s model in " + where);
            return using(r, team, " from " + where);
        } catch (IOException e) {
            return new Result(null, null, e.getMessage() + ": using the shipped learned model (push a model 'train --with-feedback' accepted)");
        }
    }

    /** A checked model, with the line saying it is the one in use ({@code from}: where it came from, or empty). */
    private static Result using(Result checked, String team, String from) {
        TeamModelFile f = checked.file();
        return new Result(checked.model(), f, "using team '" + team + "''s refitted learned model " + f.sha256().substring(0, 12)
                + " (made " + f.createdAt() + ")" + from);
    }

    /** A file's model, once it is known to be whole, accepted and this team's. */
    static Result check(byte[] bytes, String team, String source) throws IOException {
        TeamModelFile f;
        try {
            f = TeamModelFile.read(bytes);
        } catch (DecodeException e) {
            throw new IOException(source + ": " + e.getMessage());
        }
        if (!f.team().equals(team)) throw new IOException(source + " is team '" + f.team() + "''s, not '" + team + "''s: not used");
        return new Result(LearnedModel.of(f, source), f, null);
    }

    static URI modelAddress(URI agentAddress, String team, String rep) {
        String scheme = "wss".equals(agentAddress.getScheme()) ? "https" : "http";
        String query = "team=" + URLEncoder.encode(team, StandardCharsets.UTF_8) + (rep == null ? "" : "&rep=" + URLEncoder.encode(rep, StandardCharsets.UTF_8));
        return URI.create(scheme + "://" + agentAddress.getRawAuthority() + "/api/agent/model?" + query);
    }
}
