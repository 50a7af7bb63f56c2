package io.tidecast.jobs.metrics;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Iterator;
import org.apache.flink.metrics.prometheus.AbstractPrometheusReporter;
import org.apache.flink.util.PortRange;

/**
 * Flink's Prometheus exporter ({@link AbstractPrometheusReporter}: same metric names, labels and format) served on
 * a chosen interface. Flink's own {@code PrometheusReporter} always listens on every interface; this one listens on
 * 127.0.0.1 unless told otherwise, like every other Tidecast endpoint.
 */
public final class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;
    private final int port;

    LoopbackPrometheusReporter(String host, PortRange ports) {
        CollectorRegistry registry = registry(this);
        HTTPServer started = null;
        int bound = -1;
        IOException last = null;
        for (Iterator<Integer> it = ports.getPortsIterator(); it.hasNext() && started == null; ) {
            int p = it.next();
            try {
                started = new HTTPServer(new InetSocketAddress(host, p), registry, true);
                bound = p;
            } catch (IOException e) {
                last = e; // taken: try the next port of the range
            }
        }
        if (started == null) {
            throw new IllegalStateException("cannot serve Prometheus metrics on " + host + ":" + ports
                    + (last == null ? "" : " (" + last.getMessage() + ")") + "; choose a free port or range");
        }
        server = started;
        port = bound;
        log.info("Prometheus metrics on http://{}:{}/metrics", host, port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }

    /** The exporter's registry is package-private in Flink; the metric bookkeeping around it is what we reuse. */
    private static CollectorRegistry registry(AbstractPrometheusReporter reporter) {
        try {
            Field f = AbstractPrometheusReporter.class.getDeclaredField("registry");
            f.setAccessible(true);
            return (CollectorRegistry) f.get(reporter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("unsupported flink-metrics-prometheus version: " + e, e);
        }
    }
}
