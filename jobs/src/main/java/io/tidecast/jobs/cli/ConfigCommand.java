package io.tidecast.jobs.cli;

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
        description = "The settings file: print every setting with its default and meaning, or check a file.",
        footer = {"", "Examples:",
                "  tidecast config --print-defaults > tidecast.yaml     # all settings, commented; edit what you need",
                "  tidecast config --check tidecast.yaml                # catches misspelt settings and bad values",
                "  tidecast run --bootstrap 127.0.0.1:9092 --config tidecast.yaml"})
public final class ConfigCommand implements Callable<Integer> {
    @Option(names = "--print-defaults", description = "Print the defaults file: every setting, commented.")
    boolean printDefaults;

    @Option(names = "--check", paramLabel = "FILE", description = "Load FILE over the defaults and validate every setting.")
    Path check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!printDefaults && check == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        if (printDefaults) {
            try (InputStream in = JobConfig.class.getResourceAsStream("/tidecast-defaults.yaml")) {
                spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        if (check != null) {
            JobConfig c = JobConfig.load(check);
            var f = c.forecastConfig();
            spec.commandLine().getOut().println(check + ": ok; models " + f.modelNames() + " at horizons " + c.forecast.horizonsMs
                    + " ms; topics " + c.topics.all() + (c.kafka.bootstrap == null ? "" : "; Kafka " + c.kafka.bootstrap));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
