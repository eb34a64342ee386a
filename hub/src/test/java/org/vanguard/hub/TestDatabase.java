package org.vanguard.hub;

import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The database an integration test's hub runs on: the embedded H2 by default, or a real PostgreSQL server when the
 * system property {@value #SELECT} is {@code postgresql} (the build's PostgresqlIntegrationSuite). On PostgreSQL each
 * application context migrates a schema of its own ({@code hubit_<random>}), created by Flyway and dropped when the
 * context closes, so concurrent runs and cached contexts never see each other's rows. The server is
 * {@code HUB_TEST_POSTGRES_URL} (default {@value #DEFAULT_URL}), user {@code HUB_TEST_POSTGRES_USER} (default
 * {@code postgres}), password {@code HUB_TEST_POSTGRES_PASSWORD} (default none: trust authentication).
 */
public final class TestDatabase {

    /** The system property that selects the database. */
    public static final String SELECT = "hub.test.database";

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "hub.test.schema";

    private TestDatabase() {}

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty(SELECT));
    }

    /** Points the context being created at its database; on PostgreSQL, at a new schema of its own. */
    static void register(DynamicPropertyRegistry registry) {
        if (!postgresql()) {
            return;
        }
        String schema = "hubit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String url = env("HUB_TEST_POSTGRES_URL", DEFAULT_URL);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> env("HUB_TEST_POSTGRES_USER", "postgres"));
        registry.add("spring.datasource.password", () -> env("HUB_TEST_POSTGRES_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add(SCHEMA, () -> schema);
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** Drops the context's schema when the context closes, after the hub's own beans have stopped using it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SchemaCleanup {

        @Bean
        @ConditionalOnProperty(SCHEMA)
        DisposableBean dropTestSchema(DataSource dataSource, @Value("${" + SCHEMA + "}") String schema) {
            return () -> new JdbcTemplate(dataSource).execute("drop schema if exists " + schema + " cascade");
        }
    }
}
