package io.tidecast.jobs.runtime;

import io.tidecast.jobs.cli.UserError;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Checks, before the job starts, that the Kafka cluster answers with the job's own client settings: wrong
 * credentials or a TLS mismatch then end the run at once with one line, instead of a job that restarts until its
 * attempts run out. Also renders client settings for printing with every secret masked.
 */
public final class KafkaPreflight {
    private KafkaPreflight() {}

    /** Connects with {@code client} settings and lists the cluster's nodes, or throws a {@link UserError} saying why not. */
    public static void check(String bootstrap, Map<String, String> client, long timeoutMs) {
        Map<String, Object> p = new HashMap<>(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeoutMs, 10_000));
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(timeoutMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof AuthenticationException) {
                throw new UserError("Kafka at " + bootstrap + " refused the credentials (" + c.getMessage() + "); check the SASL/TLS settings in "
                        + "kafka.client or --kafka-property (" + masked(client) + ")");
            }
            if (c instanceof AuthorizationException) {
                throw new UserError("Kafka at " + bootstrap + " denied access (" + c.getMessage() + "); grant the job's user access or change its credentials");
            }
            throw new UserError("Kafka at " + bootstrap + " did not answer (" + c.getClass().getSimpleName() + ": " + c.getMessage()
                    + "); check --bootstrap and the client settings (" + masked(client) + ")");
        } catch (TimeoutException e) {
            throw new UserError("Kafka at " + bootstrap + " did not answer within " + timeoutMs / 1000 + " s; check --bootstrap and the client settings ("
                    + masked(client) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while connecting to Kafka at " + bootstrap);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new UserError("the Kafka client settings are not usable (" + e.getMessage() + "); check kafka.client or --kafka-property ("
                    + masked(client) + ")");
        }
    }

    /** {@code k=v, ...} with the value of every setting that may hold a secret replaced by {@code ***}. */
    public static String masked(Map<String, String> client) {
        if (client.isEmpty()) return "no extra settings";
        StringBuilder b = new StringBuilder();
        new TreeMap<>(client).forEach((k, v) -> {
            if (b.length() > 0) b.append(", ");
            b.append(k).append('=').append(isSecret(k) ? "***" : v);
        });
        return b.toString();
    }

    /** Passwords, keys, JAAS configurations (which embed passwords) and tokens. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token")
                || k.endsWith(".key") || k.contains("key.pem") || k.contains("credentials");
    }
}
