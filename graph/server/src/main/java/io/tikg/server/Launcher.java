package io.tikg.server;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs Neo4j Community embedded, with the Bolt connector bound to 127.0.0.1 and authentication on.
 *
 * <p>Arguments: {@code --home DIR --port N [--pagecache SIZE]}. The password of the {@code neo4j}
 * user is read from the environment variable {@code TIKG_NEO4J_PASSWORD}, never from the command
 * line (command lines are visible to every user of the machine).
 *
 * <p>On a brand-new data folder the database is first opened without any connector, so the
 * password is set before Bolt accepts a single connection; then it is reopened with Bolt. The
 * process prints {@code TIKG-NEO4J-READY} once Bolt listens, and shuts the database down cleanly
 * on SIGTERM / SIGINT.
 */
public final class Launcher {
    private static final String USER = "neo4j";

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        int port = Integer.parseInt(require(opts, "port"));
        String pagecache = opts.getOrDefault("pagecache", "512m");
        String password = System.getenv("TIKG_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            fail("TIKG_NEO4J_PASSWORD must be set to at least 8 characters");
        }
        Files.createDirectories(home);

        boolean fresh = !Files.exists(home.resolve("data").resolve("databases").resolve("system"));
        if (fresh) {
            DatabaseManagementService bootstrap = builder(home, pagecache)
                    .setConfig(BoltConnector.enabled, false)
                    .build();
            try {
                setPassword(bootstrap, password);
            } finally {
                bootstrap.shutdown();
            }
        }

        DatabaseManagementService dbms = builder(home, pagecache)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("TIKG-NEO4J-STOPPING");
            dbms.shutdown();
            System.out.println("TIKG-NEO4J-STOPPED");
            stopped.countDown();
        }, "tikg-neo4j-shutdown"));
        if (!fresh) {
            // The password may have been changed in the environment since the last start.
            setPassword(dbms, password);
        }
        System.out.println("TIKG-NEO4J-READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    private static DatabaseManagementServiceBuilder builder(Path home, String pagecache) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pagecache))
                .setConfig(HttpConnector.enabled, false)
                // No usage pings (the machine may be offline) and no idle waits on shutdown.
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout,
                        Duration.ofSeconds(2))
                .setConfig(GraphDatabaseInternalSettings.shutdown_terminated_transaction_wait_timeout,
                        Duration.ofSeconds(1))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(3));
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER " + USER + " SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static long parseBytes(String size) {
        String s = size.trim().toLowerCase();
        long unit = 1;
        char last = s.charAt(s.length() - 1);
        if (Character.isLetter(last)) {
            unit = switch (last) {
                case 'k' -> 1024L;
                case 'm' -> 1024L * 1024;
                case 'g' -> 1024L * 1024 * 1024;
                default -> throw new IllegalArgumentException("bad size: " + size);
            };
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * unit;
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                fail("unexpected argument: " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static String require(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            fail("missing --" + key);
        }
        return v;
    }

    private static void fail(String message) {
        System.err.println("tikg-neo4j: " + message);
        System.exit(2);
    }
}
