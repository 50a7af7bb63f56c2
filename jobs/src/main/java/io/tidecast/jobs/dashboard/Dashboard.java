package io.tidecast.jobs.dashboard;

import io.tidecast.jobs.cli.UserError;
import io.tidecast.jobs.config.JobConfig;
import java.io.IOException;
import java.net.BindException;
import java.util.Map;

/**
 * The live dashboard: a web page with the actual signal and every model's forecast for a chosen key and horizon,
 * rolling nRMSE, ensemble weights and regret, and reject counts, fed by a {@code read_committed} Kafka consumer of
 * the four Tidecast topics. Bound to 127.0.0.1 unless told otherwise; memory is bounded by
 * {@link #POINTS_PER_SERIES} points per series and {@link #MAX_KEYS} keys.
 */
public final class Dashboard implements AutoCloseable {
    public static final int DEFAULT_PORT = 8088;
    public static final int POINTS_PER_SERIES = 600;
    public static final int MAX_KEYS = 500;

    private final DashboardState state;
    private final DashboardFeed feed;
    private final DashboardServer server;
    private final String host;

    private Dashboard(DashboardState state, DashboardFeed feed, DashboardServer server, String host) {
        this.state = state;
        this.feed = feed;
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port) and reading the topics from their beginning
     * ({@code fromEarliest}) or from now on.
     */
    public static Dashboard start(String bootstrap, Map<String, String> client, JobConfig.Topics topics, String host, int port,
                                  boolean fromEarliest) {
        if (port < 0 || port > 65535) throw new UserError("--dashboard port must be 0..65535 (0: any free port); got " + port);
        DashboardState state = new DashboardState(POINTS_PER_SERIES, MAX_KEYS);
        DashboardServer server;
        try {
            server = new DashboardServer(state, host, port);
        } catch (BindException e) {
            throw new UserError("cannot serve the dashboard on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another port, e.g. --dashboard 0 for any free one");
        } catch (IOException e) {
            throw new UserError("cannot serve the dashboard on " + host + ":" + port + ": " + e.getMessage());
        }
        DashboardFeed feed = new DashboardFeed(bootstrap, client, topics, state,
                fromEarliest ? DashboardFeed.Start.EARLIEST : DashboardFeed.Start.LATEST).startFeeding();
        return new Dashboard(state, feed, server, host);
    }

    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + server.port() + "/";
    }

    public int port() {
        return server.port();
    }

    /** The current state as the page would get it: for status lines and tests. */
    public String update(String key, Long horizonMs) {
        return state.update(key, horizonMs, 0);
    }

    public long heldPoints() {
        return state.heldPoints();
    }

    @Override
    public void close() {
        server.close();
        feed.close();
    }
}
