package io.tidecast.jobs.cli;

import io.tidecast.jobs.config.DecideSettings;
import io.tidecast.jobs.config.JobConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "The settings files: print every setting with its default and meaning, or check a file. "
                + "One file for the forecasting job (run, demo, dashboard), one for the decision service (decide).",
        footer = {"", "Examples:",
                "  tidecast config --print-defaults > tidecast.yaml     # all settings, commented; edit what you need",
                "  tidecast config --check tidecast.yaml                # catches misspelt settings and bad values",
                "  tidecast config --print-defaults --for decide > decide.yaml",
                "  tidecast config --check decide.yaml --for decide",
                "  tidecast run --bootstrap 127.0.0.1:9092 --config tidecast.yaml"})
public final class ConfigCommand implements Callable<Integer> {
    @Option(names = "--print-defaults", description = "Print the defaults file: every setting, commented.")
    boolean printDefaults;

    @Option(names = "--check", paramLabel = "FILE", description = "Load FILE over the defaults and validate every setting.")
    Path check;

    @Option(names = "--for", defaultValue = "run", paramLabel = "run|decide",
            description = "Which settings: the forecasting job's (run, demo, dashboard) or decide's (default: ${DEFAULT-VALUE}).")
    String forCommand;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!printDefaults && check == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        boolean decide = switch (forCommand) {
            case "run" -> false;
            case "decide" -> true;
            default -> throw new UserError("--for must be run or decide, not '" + forCommand + "'");
        };
        if (printDefaults) {
            String file = decide ? "/tidecast-decide-defaults.yaml" : "/tidecast-defaults.yaml";
            try (InputStream in = JobConfig.class.getResourceAsStream(file)) {
                spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        if (check != null && decide) {
            DecideSettings d = DecideSettings.load(check);
            d.decideConfig();
            spec.commandLine().getOut().println(check + ": ok; " + d.decide.families.size() + " key families; topics "
                    + d.topics.requests + ", " + d.topics.feedback + " -> " + d.topics.decisions);
        } else if (check != null) {
            JobConfig c = JobConfig.load(check);
            var f = c.forecastConfig();
            spec.commandLine().getOut().println(check + ": ok; models " + f.modelNames() + " at horizons " + c.forecast.horizonsMs
                    + " ms; topics " + c.topics.all() + (c.kafka.bootstrap == null ? "" : "; Kafka " + c.kafka.bootstrap));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
