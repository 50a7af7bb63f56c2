package io.tidecast.jobs.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tidecast.operators.decide.DecideConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of {@code tidecast decide} in one place, read from YAML ({@code --config file.yaml}) over the
 * defaults in {@code tidecast-decide-defaults.yaml}; command-line options override the file.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class DecideSettings {
    public JobConfig.Kafka kafka = new JobConfig.Kafka();
    public Topics topics = new Topics();
    public Job job = new Job();
    public Decide decide = new Decide();

    public static final class Topics {
        public String requests = "tidecast.decisions.requests";
        public String feedback = "tidecast.decisions.feedback";
        public String decisions = "tidecast.decisions";
        public String metrics = "tidecast.metrics";
        public String rejects = "tidecast.rejects";

        public List<String> all() {
            return List.of(requests, feedback, decisions, metrics, rejects);
        }
    }

    public static final class Job {
        public String name = "tidecast-decide";
        public int parallelism = 2;
        public long checkpointIntervalMs = 1000;
        public boolean exactlyOnce = true;
        public String transactionalIdPrefix = "tidecast-decide";
        public String groupId = "tidecast-decide";
        public String startFrom = "earliest";
        public long maxOutOfOrdernessMs = 100;
        public long idleMs = 500;
    }

    public static final class Decide {
        public long seed = 42;
        public long feedbackTimeoutMs = 60_000;
        public long retentionMs = 60_000;
        public int metricsEvery = 100;
        public long releaseAfterMs = 200;
        public List<Family> families = new ArrayList<>();
    }

    public static final class Family {
        public String prefix = "";
        public List<String> arms = new ArrayList<>();
        public String policy;
        public Map<String, Double> params = new LinkedHashMap<>();
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static DecideSettings defaults() {
        try (InputStream in = DecideSettings.class.getResourceAsStream("/tidecast-decide-defaults.yaml")) {
            return yaml().readValue(in, DecideSettings.class);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in decide defaults cannot be read", e);
        }
    }

    /** The defaults overlaid with a YAML file: lists in the file replace the defaults' lists. */
    public static DecideSettings load(Path file) {
        DecideSettings s = defaults();
        if (file == null) return s;
        if (!Files.isRegularFile(file)) throw new JobConfig.ConfigException("config file " + file + " does not exist");
        try {
            ObjectMapper m = yaml();
            m.setDefaultMergeable(true);
            m.configOverride(List.class).setMergeable(false);
            return m.readerForUpdating(s).readValue(file.toFile());
        } catch (JsonMappingException e) {
            throw new JobConfig.ConfigException("config file " + file + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
        } catch (IOException e) {
            throw new JobConfig.ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    /** The operators' settings; a setting that cannot work is a {@link JobConfig.ConfigException} naming it. */
    public DecideConfig decideConfig() {
        try {
            List<DecideConfig.Family> fams = new ArrayList<>();
            for (Family f : decide.families) {
                if (f.policy == null) throw new IllegalArgumentException("family '" + f.prefix + "' has no policy");
                fams.add(new DecideConfig.Family(f.prefix, f.arms, f.policy, f.params));
            }
            return new DecideConfig(fams, decide.seed, decide.feedbackTimeoutMs, decide.retentionMs, decide.metricsEvery,
                    decide.releaseAfterMs);
        } catch (IllegalArgumentException e) {
            throw new JobConfig.ConfigException("decide settings: " + e.getMessage());
        }
    }
}
