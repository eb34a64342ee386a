package org.vanguard.hub.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster bus on PostgreSQL: {@code pg_notify} in the changing transaction (PostgreSQL delivers a notification
 * when, and only if, its transaction commits) and, on every node, one connection of its own that LISTENs and reloads
 * what each topic names. The channel is named after the schema, so hubs sharing a database server but not a schema
 * do not hear each other.
 *
 * <p><b>The bound.</b> While a node's listening connection is up it hears a change within milliseconds of the commit
 * (it waits on the socket, at most {@link #WAIT} between looks at whether it should stop). A notification sent while
 * the connection was down is lost, so on every (re)connection the node reloads every topic, and it reloads them all
 * every {@code refresh-interval} anyway: a node that cannot listen is at most that interval behind, plus the time to
 * reconnect ({@link #RECONNECT_DELAY} between attempts).
 */
public final class PostgresClusterBus implements ClusterBus, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PostgresClusterBus.class);
    static final Duration WAIT = Duration.ofMillis(500);
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final String node;
    private final Duration refreshInterval;
    private final Map<String, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private volatile @Nullable String channel;
    private volatile @Nullable Thread listener;
    private volatile CountDownLatch stopped = new CountDownLatch(0);
    private volatile @Nullable Connection listening;
    private volatile boolean heardEverything;

    public PostgresClusterBus(DataSource dataSource, String node, Duration refreshInterval) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.node = node;
        this.refreshInterval = refreshInterval;
    }

    /** This node's name in the payloads, {@code hub.cluster.node-id}. */
    public String node() {
        return node;
    }

    @Override
    public void publish(String topic) {
        jdbc.query("select pg_notify(?, ?)", rs -> {}, channel(), node + " " + topic);
    }

    @Override
    public void subscribe(String topic, Runnable reload) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(reload);
    }

    private String channel() {
        String known = channel;
        if (known == null) {
            String schema = jdbc.queryForObject("select current_schema()", String.class);
            known = ("hub_cluster_" + schema).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
            channel = known.length() > 63 ? known.substring(0, 63) : known;
            known = channel;
        }
        return known;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        channel();
        stopped = new CountDownLatch(1);
        Thread thread = new Thread(this::listen, "hub-cluster-bus");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = listener;
        if (thread == null) {
            return;
        }
        listener = null;
        stopped.countDown();
        closeQuietly(listening);
        try {
            thread.join(WAIT.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this node is listening and has reloaded everything since it (re)connected: it misses nothing now. */
    public boolean listening() {
        return heardEverything;
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    private void listen() {
        while (!stopping()) {
            try (Connection connection = connect()) {
                listening = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                log.info("Node {} listens for cluster changes on {}", node, channel);
                // Whatever was announced while this node was not listening is lost: reload everything now.
                reloadAll("listening (again)");
                heardEverything = true;
                long nextRefresh = System.nanoTime() + refreshInterval.toNanos();
                while (!stopping()) {
                    PGNotification[] notifications = pg.getNotifications((int) WAIT.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            heard(notification.getParameter());
                        }
                    }
                    if (System.nanoTime() - nextRefresh > 0) {
                        reloadAll("periodic refresh");
                        nextRefresh = System.nanoTime() + refreshInterval.toNanos();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!stopping()) {
                    log.warn(
                            "Node {} lost its cluster listening connection ({}); reconnecting in {}",
                            node,
                            e.toString(),
                            RECONNECT_DELAY);
                }
            } finally {
                listening = null;
                heardEverything = false;
            }
            try {
                stopped.await(RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A connection of its own, outside the pool: it is held for as long as the node runs. */
    private Connection connect() throws SQLException {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    private void heard(String payload) {
        int space = payload.indexOf(' ');
        if (space < 0) {
            return;
        }
        String from = payload.substring(0, space);
        String topic = payload.substring(space + 1);
        if (from.equals(node)) {
            return;
        }
        log.debug("Node {} heard '{}' from node {}", node, topic, from);
        reload(topic, "announced by node " + from);
    }

    private void reloadAll(String why) {
        subscribers.keySet().forEach(topic -> reload(topic, why));
    }

    private void reload(String topic, String why) {
        for (Runnable reload : subscribers.getOrDefault(topic, List.of())) {
            try {
                reload.run();
            } catch (RuntimeException e) {
                log.warn(
                        "Node {} could not reload {} ({}): {}; the next announcement or refresh tries again",
                        node,
                        topic,
                        why,
                        e.toString());
            }
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the cluster listening connection: {}", e.toString());
            }
        }
    }
}
