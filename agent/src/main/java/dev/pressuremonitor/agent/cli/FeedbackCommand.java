package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.DecodeException;
import dev.pressuremonitor.models.FeedbackExport;
import dev.pressuremonitor.models.Json;
import dev.pressuremonitor.server.feedback.CorpusExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "feedback",
        mixinStandardHelpOptions = true,
        header = "Export the team's marks on nudges as labelled lines.",
        description = {"Reps and managers mark nudges 'not pressure' or right, and mark pressure the coach missed, in the overlay,",
                "the report and the team page. 'export' turns those marks into corpus lines for training."},
        footerHeading = "%nExamples:%n",
        footer = {"  pressure-monitor feedback export --team emea > emea.jsonl",
                "      from this machine's database (or --db/--data)",
                "  pressure-monitor feedback export > mine.jsonl",
                "      your own calls from 'run' (made without a team)",
                "  PRESSURE_MONITOR_TOKEN=TEAM_TOKEN pressure-monitor feedback export \\",
                "      --team emea --server http://team-host:8425 > emea.jsonl"},
        subcommands = {FeedbackCommand.Export.class})
final class FeedbackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Print the team's marks as corpus lines (JSON lines).",
            description = {"One line a mark, in the format of seeds/corpus/domains/*.jsonl with the team as domain:",
                    "a nudge marked not pressure is NONE; a confirmed nudge or a missed moment is its category.",
                    "The text is the rep's words where the transcript was kept, else the matched phrase.",
                    "Marks a manager rejected, and missed stretches without words, are skipped and counted."},
            footerHeading = "%nExample:%n",
            footer = {"  pressure-monitor feedback export --team emea > emea.jsonl"})
    static final class Export implements Callable<Integer> {
        /** The domain of lines from calls made without a team. */
        static final String OWN = "own-calls";

        @Option(names = "--team", paramLabel = "NAME",
                description = "The team whose marks to export (its name becomes the lines' domain). Without it: calls made without a team ('run' alone), as domain '" + OWN + "'.")
        String team;

        @Option(names = "--server", paramLabel = "URL", description = "Ask a running team server (http://host:port) instead of reading the database here.")
        String server;

        @Option(names = "--token", paramLabel = "TOKEN",
                description = "The team's token, with --server (prefer PRESSURE_MONITOR_TOKEN: a command line is visible to other users).")
        String token;

        @Option(names = "--with-source", description = "Add each line's \"call\" and \"rule\" (for train --with-feedback; eval takes only the plain format).")
        boolean withSource;

        @Mixin
        DatabaseOptions database;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (team == null && server != null) throw new UserException("--team NAME is required with --server: a team server exports one team's marks");
            if (team != null && !team.matches("[A-Za-z0-9._ -]{1,64}")) throw new UserException("--team must be letters, digits, spaces, '.', '_' or '-', was '" + team + "'");
            FeedbackExport export = server != null ? fromServer() : fromDatabase();
            PrintWriter out = spec.commandLine().getOut();
            export.lines().forEach(l -> out.println(withSource ? l.jsonlWithSource() : l.jsonl()));
            out.flush();
            spec.commandLine().getErr().println(summary(export));
            return 0;
        }

        private FeedbackExport fromDatabase() {
            try {
                return database.use(calls -> CorpusExport.of(team == null ? OWN : team, calls.feedback().forTeam(team == null ? "" : team, null, null, 0, Long.MAX_VALUE)));
            } catch (java.sql.SQLException e) {
                throw new UserException("cannot read the marks from " + database.url().replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage());
            }
        }

        private FeedbackExport fromServer() throws InterruptedException {
            String t = token != null ? token : System.getenv("PRESSURE_MONITOR_TOKEN");
            String base = server.replaceFirst("^ws://", "http://").replaceFirst("^wss://", "https://").replaceAll("/+$", "");
            URI uri;
            try {
                uri = URI.create(base + "/api/feedback/export?team=" + URLEncoder.encode(team, StandardCharsets.UTF_8));
                if (uri.getHost() == null || !uri.getScheme().startsWith("http")) throw new IllegalArgumentException();
            } catch (IllegalArgumentException e) {
                throw new UserException("--server must be an address like http://team-host:8425, was '" + server + "'");
            }
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
            if (t != null && !t.isBlank()) req.header("Authorization", "Bearer " + t.strip());
            HttpResponse<String> res;
            try {
                res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(req.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UserException("cannot reach " + base + " (" + e + "): check --server and that the server runs");
            }
            if (res.statusCode() != 200) {
                String why = res.body();
                try {
                    why = Json.readTree(res.body()).path("error").asText(why);
                } catch (DecodeException ignored) {
                    // not JSON: the body as it came
                }
                throw new UserException(base + " answered " + res.statusCode() + ": " + why
                        + (res.statusCode() == 401 ? " (give the team's token in PRESSURE_MONITOR_TOKEN)" : ""));
            }
            try {
                return Json.read(res.body(), FeedbackExport.class);
            } catch (DecodeException e) {
                throw new UserException(base + " sent an export this command cannot read (" + e.getMessage() + "): is it a Pressure Monitor server of the same version?");
            }
        }

        static String summary(FeedbackExport e) {
            StringBuilder s = new StringBuilder("exported ").append(e.lines().size()).append(e.lines().size() == 1 ? " line" : " lines")
                    .append(e.team().equals(OWN) ? " for the calls made without a team (domain " + OWN + ")" : " for team " + e.team());
            if (e.phraseOnly() > 0) s.append(" (").append(e.phraseOnly()).append(" of them only the matched phrase: the call's transcript was not kept)");
            int skipped = e.skipped().stream().mapToInt(FeedbackExport.Skipped::count).sum();
            if (skipped == 0) return s.append("; skipped none").toString();
            s.append("; skipped ").append(skipped).append(':');
            for (FeedbackExport.Skipped k : e.skipped()) s.append("\n  ").append(k.count()).append(' ').append(k.reason());
            return s.toString();
        }
    }
}
