package io.tidecast.jobs.metrics;

import io.tidecast.jobs.cli.UserError;
import io.tidecast.jobs.config.JobConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Iterator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.PortRange;

/**
 * The Prometheus endpoint of an embedded run: Flink's reporter settings for the MiniCluster, with the port picked
 * up front so that the run can say where to scrape.
 */
public final class PrometheusSettings {
    public static final String REPORTER = "prom";
    private final boolean enabled;
    private final String host;
    private final int port;

    private PrometheusSettings(boolean enabled, String host, int port) {
        this.enabled = enabled;
        this.host = host;
        this.port = port;
    }

    /** Resolves {@code cfg.prometheus}: a range becomes its first free port, remembered so every caller agrees. */
    public static PrometheusSettings of(JobConfig cfg) {
        JobConfig.Prometheus p = cfg.prometheus;
        if (!p.enabled) return new PrometheusSettings(false, p.host, -1);
        if (p.chosenPort == null) {
            p.chosenPort = firstFree(p.host, p.port);
            if (p.chosenPort < 0) {
                // every port taken (other runs on this machine): the run matters more than its metrics endpoint
                System.err.println("warning: no free port for Prometheus metrics in " + p.port + " on " + p.host
                        + "; running without them (pass --prometheus-port with a free port or range)");
            }
        }
        return new PrometheusSettings(p.chosenPort >= 0, p.host, p.chosenPort);
    }

    /** Reporter settings in Flink's own keys, as a cluster's config.yaml would have them. */
    public static void reporter(Configuration conf, String host, String port) {
        conf.setString("metrics.reporters", REPORTER);
        conf.setString("metrics.reporter." + REPORTER + ".factory.class", LoopbackPrometheusReporterFactory.class.getName());
        conf.setString("metrics.reporter." + REPORTER + ".host", host);
        conf.setString("metrics.reporter." + REPORTER + ".port", port);
    }

    public Configuration configure(Configuration conf) {
        if (enabled) reporter(conf, host, Integer.toString(port));
        return conf;
    }

    public void announce(PrintStream out) {
        if (enabled) out.println("Prometheus metrics: " + url());
    }

    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/metrics";
    }

    public boolean enabled() {
        return enabled;
    }

    public int port() {
        return port;
    }

    private static int firstFree(String host, String ports) {
        Iterator<Integer> it;
        try {
            it = new PortRange(ports).getPortsIterator();
        } catch (RuntimeException e) {
            throw new UserError("prometheus port '" + ports + "' is not a port or range like 9249-9259; fix --prometheus-port or prometheus.port");
        }
        while (it.hasNext()) {
            int p = it.next();
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getByName(host), p));
                return s.getLocalPort();
            } catch (IOException e) {
                // taken: try the next one
            }
        }
        return -1;
    }
}
