package org.vanguard.hub;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The walk-through against a real PostgreSQL server, as production runs. Enabled by
 * {@code HUB_TEST_POSTGRES_URL} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/test}; user from
 * {@code HUB_TEST_POSTGRES_USER}, default {@code postgres}). Each run migrates a schema of its own and drops it after.
 */
@EnabledIfEnvironmentVariable(named = PostgresWalkThroughIT.URL, matches = "jdbc:postgresql:.+")
class PostgresWalkThroughIT extends WalkThroughIT {

    static final String URL = "HUB_TEST_POSTGRES_URL";
    private static final String SCHEMA = "hub_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = System.getenv(URL);
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", PostgresWalkThroughIT::user);
        registry.add("spring.datasource.password", () -> System.getenv().getOrDefault("HUB_TEST_POSTGRES_PASSWORD", ""));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(System.getenv(URL), user(),
                System.getenv().getOrDefault("HUB_TEST_POSTGRES_PASSWORD", ""));
                Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    private static String user() {
        return System.getenv().getOrDefault("HUB_TEST_POSTGRES_USER", "postgres");
    }
}
