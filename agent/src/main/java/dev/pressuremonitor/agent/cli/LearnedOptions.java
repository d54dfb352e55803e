package dev.pressuremonitor.agent.cli;

import dev.pressuremonitor.agent.detect.SecondOpinion;
import dev.pressuremonitor.agent.detect.learned.LearnedModel;
import dev.pressuremonitor.agent.detect.learned.LearnedOpinion;
import dev.pressuremonitor.agent.detect.learned.SentenceEncoder;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** {@code --learned on|off} and {@code --learned-model FILE}: the learned second opinion after the rules. */
final class LearnedOptions {
    enum Switch { on, off }

    @Option(names = "--learned", paramLabel = "on|off", defaultValue = "on", converter = SwitchConverter.class,
            description = "The learned second opinion on what the rules found nothing in (default: ${DEFAULT-VALUE}); 'off' is rules alone.")
    Switch learned = Switch.on;

    @Option(names = "--learned-model", paramLabel = "FILE", description = "A model written by 'train' instead of the shipped one.")
    Path model;

    /**
     * The second opinion, or null for rules alone. A platform where ONNX Runtime cannot start still works on rules
     * alone, and says so once on {@code err}.
     */
    SecondOpinion opinion(PrintWriter err) {
        return opinion(err, null, null);
    }

    /**
     * @param team        the team's refitted model (used unless --learned-model names a file), or null
     * @param teamEncoder the encoder the team's model was fitted on: another encoder's model is not used
     */
    SecondOpinion opinion(PrintWriter err, LearnedModel team, String teamEncoder) {
        return opinion(err, encoder(err), team, teamEncoder);
    }

    /**
     * The sentence encoder the opinion needs (seconds to load), or null for rules alone: {@code --learned off}, or a
     * platform where ONNX Runtime cannot start (said once on {@code err}). A wrong {@code --learned-model} fails here,
     * before anything loads.
     */
    SentenceEncoder encoder(PrintWriter err) {
        if (learned == Switch.off) return null;
        if (model != null) read(model);
        try {
            return SentenceEncoder.load();
        } catch (IOException e) {
            err.println("warning: " + e.getMessage() + "; going on with the rules alone (--learned off says so quietly)");
            return null;
        }
    }

    /**
     * The second opinion on an encoder already loaded (null: rules alone).
     *
     * @param team        the team's refitted model (used unless --learned-model names a file), or null
     * @param teamEncoder the encoder the team's model was fitted on: another encoder's model is not used
     */
    SecondOpinion opinion(PrintWriter err, SentenceEncoder encoder, LearnedModel team, String teamEncoder) {
        if (encoder == null) return null;
        LearnedModel m = model == null && team != null ? team : read(model);
        if (m == team && !encoder.id().equals(teamEncoder)) {
            err.println("the team's model was fitted on sentence encoder " + teamEncoder + ", this agent has " + encoder.id()
                    + ": using the shipped learned model (refit with this version's 'train --with-feedback')");
            m = read(null);
        }
        return new LearnedOpinion(encoder, m);
    }

    /** Whether a team's refitted model would be used: the opinion is on and no --learned-model names a file. */
    boolean takesTeamModel() {
        return learned == Switch.on && model == null;
    }

    /** The model in {@code file}, or the shipped one when it is null. */
    static LearnedModel read(Path file) {
        try {
            if (file == null) return LearnedModel.shipped();
            try (InputStream in = Files.newInputStream(file)) {
                return LearnedModel.read(in, file.toString());
            }
        } catch (NoSuchFileException e) {
            throw new UserException("no such model file: " + file + " (write one with 'pressure-monitor train --out FILE')");
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
    }

    static final class SwitchConverter implements picocli.CommandLine.ITypeConverter<Switch> {
        @Override
        public Switch convert(String value) {
            try {
                return Switch.valueOf(value.toLowerCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not on or off");
            }
        }
    }
}
