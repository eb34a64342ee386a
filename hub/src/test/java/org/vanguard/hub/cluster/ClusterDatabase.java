package org.vanguard.hub.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * A schema of its own on the local PostgreSQL server ({@code HUB_TEST_POSTGRES_URL}), migrated as a hub migrates it,
 * and one connection pool per simulated node: what two hub nodes share, and all they share. Dropped on close, unless
 * {@code -Dcluster.keep-schema=true} keeps it to read after a failed run.
 */
public final class ClusterDatabase implements AutoCloseable {

    public static final String URL = "HUB_TEST_POSTGRES_URL";

    private final String url = System.getenv(URL);
    private final String schema =
            "hubcl_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<HikariDataSource> pools = new ArrayList<>();
    private @Nullable Credentials brokerRole;

    public ClusterDatabase() {
        Flyway.configure()
                .dataSource(url, user(), password())
                .schemas(schema)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .load()
                .migrate();
    }

    public static String user() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_USER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_PASSWORD", "");
    }

    public String schema() {
        return schema;
    }

    /** The JDBC URL a node of this cluster connects with. */
    public String nodeUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * The brokers' own database role, as docs/cluster.md tells an operator to make it: it may log in and read the five
     * columns of {@code issued_certificate} the brokers' security manager asks for, nothing else. Made once, dropped on
     * close.
     */
    public synchronized Credentials brokerRole() throws SQLException {
        if (brokerRole == null) {
            Credentials role =
                    new Credentials(schema + "_broker", UUID.randomUUID().toString());
            try (Connection connection = DriverManager.getConnection(url, user(), password());
                    Statement statement = connection.createStatement()) {
                statement.execute("create role " + role.user() + " login password '" + role.password() + "'");
                statement.execute("grant usage on schema " + schema + " to " + role.user());
                statement.execute("grant select (serial, ods_code, kind, status, not_after) on " + schema
                        + ".issued_certificate to " + role.user());
            }
            brokerRole = role;
        }
        return brokerRole;
    }

    /** A database user and its password. */
    public record Credentials(String user, String password) {}

    /** A node's own connection pool. */
    public HikariDataSource pool(String node) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(nodeUrl());
        config.setUsername(user());
        config.setPassword(password());
        config.setPoolName(node);
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() throws SQLException {
        pools.forEach(HikariDataSource::close);
        if (Boolean.getBoolean("cluster.keep-schema")) {
            System.out.printf("cluster: schema %s kept%n", schema);
            return;
        }
        try (Connection connection = DriverManager.getConnection(url, user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + schema + " cascade");
            if (brokerRole != null) {
                statement.execute("drop role if exists " + brokerRole.user());
            }
        }
    }
}
