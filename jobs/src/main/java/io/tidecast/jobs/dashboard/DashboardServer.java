package io.tidecast.jobs.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * The dashboard's HTTP face on the JDK's built-in server: the static page, the charting library from its WebJar,
 * {@code /api/update} (one JSON update) and {@code /events} (server-sent events: an update whenever the state has
 * moved, at most four times a second, for the key and horizon the browser chose).
 */
final class DashboardServer implements AutoCloseable {
    static final long PUSH_INTERVAL_MS = 250;
    private static final int MAX_STREAMS = 16;
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private final HttpServer server;
    private final ExecutorService threads;
    private final DashboardState state;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final String uplotDist;
    private volatile boolean closed;

    DashboardServer(DashboardState state, String host, int port) throws IOException {
        this.state = state;
        this.uplotDist = "META-INF/resources/webjars/uplot/" + webjarVersion("uplot") + "/dist/";
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/index.html")) resource(ex, "dashboard/index.html");
            else if (path.startsWith("/static/") && SAFE_NAME.matcher(path.substring(8)).matches()) resource(ex, "dashboard/" + path.substring(8));
            else if (path.startsWith("/lib/uplot/") && SAFE_NAME.matcher(path.substring(11)).matches()) resource(ex, uplotDist + path.substring(11));
            else if (path.equals("/api/update")) update(ex);
            else if (path.equals("/events")) events(ex);
            else send(ex, 404, "text/plain", ("not found: " + path).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void update(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        long after = q.containsKey("after") ? parseLong(q.get("after"), 0) : 0;
        byte[] body = state.update(q.get("key"), horizon(q), after).getBytes(StandardCharsets.UTF_8);
        send(ex, 200, "application/json", body);
    }

    private void events(HttpExchange ex) throws IOException {
        if (!streams.tryAcquire()) {
            send(ex, 503, "text/plain", "too many dashboard connections".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            Map<String, String> q = query(ex);
            String key = q.get("key");
            Long horizon = horizon(q);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            long cursor = -1;
            long lastWrite = 0;
            while (!closed) {
                long seq = state.sequence();
                if (seq != cursor) {
                    DashboardState.Update u = state.updateWithCursor(key, horizon, Math.max(cursor, 0));
                    out.write(("data: " + u.json() + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    cursor = u.seq();
                    lastWrite = System.nanoTime();
                } else if (System.nanoTime() - lastWrite > 10_000_000_000L) {
                    out.write(": idle\n\n".getBytes(StandardCharsets.UTF_8)); // keeps proxies from closing the stream
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(PUSH_INTERVAL_MS);
            }
        } catch (IOException e) {
            // the browser went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streams.release();
        }
    }

    private void resource(HttpExchange ex, String name) throws IOException {
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                send(ex, 404, "text/plain", ("not found: " + name).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(ex, 200, contentType(name), in.readAllBytes());
        }
    }

    private static String contentType(String name) {
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        return "application/octet-stream";
    }

    private static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(code, body.length);
        ex.getResponseBody().write(body);
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!v.isEmpty()) q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), v);
        }
        return q;
    }

    private static Long horizon(Map<String, String> q) {
        String h = q.get("h");
        return h == null ? null : parseLong(h, -1);
    }

    private static long parseLong(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The version of a WebJar on the class path, from its Maven metadata. */
    static String webjarVersion(String artifact) throws IOException {
        String meta = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(meta)) {
            if (in == null) throw new IOException("the " + artifact + " WebJar is not on the class path (" + meta + ")");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
