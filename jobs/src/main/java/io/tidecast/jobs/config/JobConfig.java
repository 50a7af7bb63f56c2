package io.tidecast.jobs.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tidecast.connectors.kafka.KafkaEndpoints;
import io.tidecast.learners.LearnerSpec;
import io.tidecast.operators.EnsembleSpec;
import io.tidecast.operators.ForecastConfig;
import io.tidecast.records.InputLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a Tidecast job in one place, read from YAML ({@code --config file.yaml}); the defaults
 * (in {@code tidecast-defaults.yaml}, shipped in the jar) make {@code tidecast demo} work without a file.
 * Command-line options override what the file says.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class JobConfig {
    public Kafka kafka = new Kafka();
    public Topics topics = new Topics();
    public Job job = new Job();
    public Forecast forecast = new Forecast();
    public Prometheus prometheus = new Prometheus();

    public static final class Kafka {
        /** Kafka bootstrap servers, HOST:PORT[,HOST:PORT...]. */
        public String bootstrap;
        /** Extra Kafka client settings for the source and the sink (e.g. security.protocol, sasl.*, ssl.*). */
        public Map<String, String> client = new LinkedHashMap<>();
    }

    public static final class Topics {
        public String samples = "tidecast.samples";
        public String forecasts = "tidecast.forecasts";
        public String metrics = "tidecast.metrics";
        public String rejects = "tidecast.rejects";

        public List<String> all() {
            return List.of(samples, forecasts, metrics, rejects);
        }
    }

    public static final class Job {
        public String name = "tidecast-forecast";
        public int parallelism = 2;
        /** Key groups: the most parallel instances a savepoint can be restored to. Changing it invalidates savepoints. */
        public int maxParallelism = 128;
        public long checkpointIntervalMs = 1000;
        /** Kafka transactions committed on checkpoints (read_committed readers see every output once). */
        public boolean exactlyOnce = true;
        public String transactionalIdPrefix = "tidecast-forecast";
        public String groupId = "tidecast-forecast";
        /** Where a fresh run starts reading the samples topic: earliest, latest or committed (group offsets). */
        public String startFrom = "earliest";
        /** How far behind the newest event time a sample may arrive and still count as on time, ms. */
        public long maxOutOfOrdernessMs = 200;
        /** Where keyed state lives: heap or rocksdb. */
        public String stateBackend = "heap";
        /** Sample records longer than this are rejected as oversized (0: no limit). */
        public int maxRecordBytes = 65_536;
        /** Values larger in magnitude are rejected as out-of-range (0: no limit). */
        public double maxAbsValue = 1e12;
        /** A sample further ahead of its key's previous one is rejected unless a second one confirms the jump (0: off). */
        public long maxFutureMs = 3_600_000;
        /** Longest time a record waits in a network buffer between operators, ms; null: {@link #bufferTimeout()}. */
        public Long bufferTimeoutMs;
        /** Longest time the Kafka sink's producer waits to fill a batch, ms ({@code linger.ms}); null: {@link #sinkLinger()}. */
        public Long sinkLingerMs;

        /**
         * The network buffer timeout in effect: as set, else 10 ms with the exactly-once sink (Flink's default is 100;
         * the outputs wait for the next commit anyway) and 1 ms with the at-least-once sink, whose outputs are readable
         * as soon as written, so that every millisecond in a buffer is latency.
         */
        public long bufferTimeout() {
            return bufferTimeoutMs != null ? bufferTimeoutMs : exactlyOnce ? 10 : 1;
        }

        /**
         * The sink's {@code linger.ms} in effect: as set, else 5 ms exactly-once and 1 ms at-least-once. Not 0: measured
         * at-least-once with 1,000 LMS keys (README, "at-least-once defaults"), linger 0 cost 40 % of the saturated
         * throughput (a produce request per few records) for a p99 within a millisecond of linger 1's.
         */
        public long sinkLinger() {
            return sinkLingerMs != null ? sinkLingerMs : exactlyOnce ? KafkaEndpoints.DEFAULT_LINGER_MS : 1;
        }
    }

    public static final class Forecast {
        public double samplePeriodMs = 100;
        public List<Long> horizonsMs = new ArrayList<>();
        public int warmupSamples = 300;
        public int paneSamples = 50;
        public int windowPanes = 12;
        public long stateTtlMs = 600_000;
        public int pointDims = 3;
        public long seed = 42;
        /** Expert policy of the per-horizon ensemble over the learners: hedge, adanormalhedge or none. */
        public String ensemble = "none";
        /** Live keys with state, over the whole job (0: no limit); a new key beyond it is rejected. */
        public long maxKeys = 0;
        public List<Learner> learners = new ArrayList<>();
    }

    /** Flink's metrics, Tidecast's gauges among them, for Prometheus to scrape (run and demo; a cluster has its own). */
    public static final class Prometheus {
        public boolean enabled = true;
        /** Interface to listen on; 127.0.0.1 keeps the endpoint on this machine. */
        public String host = "127.0.0.1";
        /** A port, or a range such as 9249-9259 of which the first free one is taken. */
        public String port = "9249-9259";
        /** The port this run took, once chosen. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public Integer chosenPort;
    }

    public static final class Learner {
        public String name;
        public String kind;
        /** History k in samples (the input is the last k samples). */
        public int history = 1;
        public Map<String, Double> params = new LinkedHashMap<>();
        /** An online hyperparameter search over a grid of this learner's parameters; null for a single learner. */
        public Search search;
    }

    /**
     * {@code search: {policy: hedge|adanormalhedge, mode: mix|pick, grid: {eta: [...], history: [...]}}} on a learner:
     * one learner per grid point, named {@code name[p=v,...]}, and a model {@code name-search} (or {@code model}) that
     * mixes or picks among them with weights learned per horizon. See {@link SearchGrid}.
     */
    public static final class Search {
        public String policy = "hedge";
        public String mode = "mix";
        /** Name of the search model; default {@code <learner name>-search}. */
        public String model;
        /** Parameter name to its values; {@code history} varies the window length. Cartesian product, last varying fastest. */
        public Map<String, List<Double>> grid = new LinkedHashMap<>();
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static JobConfig defaults() {
        try (InputStream in = JobConfig.class.getResourceAsStream("/tidecast-defaults.yaml")) {
            return yaml().readValue(in, JobConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in defaults cannot be read", e);
        }
    }

    /** The defaults overlaid with a YAML file: lists in the file replace the defaults' lists. */
    public static JobConfig load(Path file) {
        JobConfig c = defaults();
        if (file == null) return c;
        if (!Files.isRegularFile(file)) throw new ConfigException("config file " + file + " does not exist");
        try {
            ObjectMapper m = yaml();
            // sections merge into the defaults setting by setting; a list in the file replaces the default list
            m.setDefaultMergeable(true);
            m.configOverride(List.class).setMergeable(false);
            return m.readerForUpdating(c).readValue(file.toFile());
        } catch (JsonMappingException e) {
            throw new ConfigException("config file " + file + ": " + e.getOriginalMessage() + " at " + e.getPathReference());
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    public ForecastConfig forecastConfig() {
        List<LearnerSpec> specs = new ArrayList<>();
        List<EnsembleSpec> searches = new ArrayList<>();
        long[] h = forecast.horizonsMs.stream().mapToLong(Long::longValue).toArray();
        try {
            for (Learner l : forecast.learners) {
                if (l.search == null) {
                    specs.add(new LearnerSpec(l.name, l.kind, l.history, l.params));
                } else {
                    SearchGrid grid = SearchGrid.expand(l);
                    specs.addAll(grid.members());
                    searches.add(grid.search());
                }
            }
            return new ForecastConfig(h, specs, forecast.samplePeriodMs, forecast.warmupSamples, forecast.paneSamples,
                    forecast.windowPanes, forecast.stateTtlMs, forecast.pointDims, forecast.seed, forecast.ensemble, searches);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("forecast settings: " + e.getMessage());
        }
    }

    /** Flink's name of the configured state backend ({@code state.backend.type}). */
    public String stateBackend() {
        return switch (job.stateBackend == null ? "" : job.stateBackend) {
            case "heap", "hashmap" -> "hashmap";
            case "rocksdb" -> "rocksdb";
            default -> throw new ConfigException("state backend must be heap or rocksdb, not '" + job.stateBackend
                    + "' (--state or job.stateBackend)");
        };
    }

    public InputLimits inputLimits() {
        if (job.maxRecordBytes < 0 || job.maxAbsValue < 0 || job.maxFutureMs < 0 || forecast.maxKeys < 0) {
            throw new ConfigException("job.maxRecordBytes, job.maxAbsValue, job.maxFutureMs and forecast.maxKeys must be >= 0 (0 switches a limit off)");
        }
        return new InputLimits(job.maxRecordBytes, job.maxAbsValue, job.maxFutureMs, forecast.maxKeys);
    }

    /** A setting that cannot work, said in one line that names it. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
