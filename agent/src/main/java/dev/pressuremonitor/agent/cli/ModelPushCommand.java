package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.models.TeamModelFile;
import dev.pressuremonitor.server.calls.TeamSettingsTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code model push}: a team's refitted learned model into the server's database, for the team's agents. */
@Command(name = "push", mixinStandardHelpOptions = true,
        header = "Give a team's agents the model 'train --with-feedback' refitted for the team.",
        description = {"Stores the file in the server's database (like 'token create', on the server's --db or --data) once its checksum",
                "matches, 'train' accepted it and it is the team's own. The team's agents use it from their next start; the team",
                "page shows it with its comparison. A file 'train' refused, one changed since, or another team's is refused."},
        footerHeading = "%nExample:%n",
        footer = {"  pressure-monitor train --with-feedback emea.jsonl --out emea-model.json",
                "  pressure-monitor model push --team emea emea-model.json --db 'jdbc:postgresql://db/pm?user=pm'"})
final class ModelPushCommand implements Callable<Integer> {
    @Option(names = "--team", required = true, paramLabel = "NAME", description = "The team whose agents get the model.")
    String team;

    @Parameters(paramLabel = "FILE", description = "The team model file 'train --with-feedback --out' wrote.")
    Path file;

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException("no such file: " + file + " (write it with 'pressure-monitor train --with-feedback FILE --out " + file + "')");
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
        TeamModelFile f = database.use(calls -> {
            try {
                return calls.teamSettings().pushModel(team, bytes, System.currentTimeMillis());
            } catch (TeamSettingsTable.Refused e) {
                throw new UserException(file + ": " + e.getMessage());
            }
        });
        spec.commandLine().getOut().println("team '" + team + "' now uses model " + f.sha256().substring(0, 12) + " (made " + f.createdAt()
                + "); its agents get it when they next start");
        return 0;
    }
}
