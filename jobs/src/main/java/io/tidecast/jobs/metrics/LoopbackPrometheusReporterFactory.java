package io.tidecast.jobs.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.util.PortRange;

/**
 * {@code metrics.reporter.<name>.factory.class: io.tidecast.jobs.metrics.LoopbackPrometheusReporterFactory}, with
 * {@code .host} (default 127.0.0.1) and {@code .port} (a port or range such as 9250-9260; default 9249).
 */
public final class LoopbackPrometheusReporterFactory implements MetricReporterFactory {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_PORT = "9249";

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new LoopbackPrometheusReporter(properties.getProperty("host", DEFAULT_HOST),
                new PortRange(properties.getProperty("port", DEFAULT_PORT)));
    }
}
