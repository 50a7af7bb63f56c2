package io.tidecast.jobs.cli;

import io.tidecast.connectors.replay.ReplaySpeed;
import io.tidecast.connectors.replay.Replayer;
import io.tidecast.records.Sample;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay recorded samples to a Kafka topic, in event-time order, at a chosen speed.",
        footer = {"", "Examples:",
                "  tidecast replay --bootstrap 127.0.0.1:9092                        # bundled ExtMarker data, 10x real time",
                "  tidecast replay --bootstrap 127.0.0.1:9092 --speed max --topic tidecast.samples",
                "  tidecast replay --bootstrap 127.0.0.1:9092 --data pump.csv --time-column t --time-unit s --key pump-7",
                "All recordings start together; a sample t ms into its recording is sent t/speed ms after the start.",
                "Records: {\"key\",\"ts\",\"values\":[...]} with the stream key as the Kafka message key."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--bootstrap", required = true, paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--topic", defaultValue = "tidecast.samples", paramLabel = "TOPIC", description = "Target topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--speed", defaultValue = "10", paramLabel = "FACTOR|max",
            description = "Times real time (e.g. 1, 10, 0.5), or max for as fast as possible (default: ${DEFAULT-VALUE}).")
    String speed;

    @Mixin
    SampleSources sources;

    @Override
    public Integer call() {
        ReplaySpeed pace = parseSpeed(speed);
        List<Sample> samples = sources.load();
        long keys = samples.stream().map(s -> s.key).distinct().count();
        System.out.println("replaying " + samples.size() + " samples of " + keys + " keys from " + sources.path() + " to "
                + topic + " at " + bootstrap + " (" + pace + ")");
        try (Replayer replayer = Replayer.connect(bootstrap, topic);
             Progress progress = new Progress("replay", samples.size())) {
            long sent = replayer.speed(pace).progress((s, t) -> progress.update(s, "")).replay(samples);
            progress.update(sent, "");
        }
        System.out.println("done: " + samples.size() + " samples written to " + topic);
        return 0;
    }

    static ReplaySpeed parseSpeed(String s) {
        try {
            return ReplaySpeed.parse(s);
        } catch (IllegalArgumentException e) {
            throw new UserError("--speed must be a positive factor such as 10 or 0.5, or max; got '" + s + "'");
        }
    }
}
