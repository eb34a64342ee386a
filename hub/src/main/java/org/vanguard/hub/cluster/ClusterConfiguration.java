package org.vanguard.hub.cluster;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Leases for the singleton jobs and the cluster bus. A job annotated {@code @SchedulerLock} runs on one node at a
 * time: the node that takes its row in {@code shedlock} (database time, so the nodes' clocks need not agree) holds
 * it until the job ends, or for its {@code lockAtMostFor} if the node dies in it. On H2 (one node) the leases cost one
 * row update per run and the bus is silent.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "${hub.cluster.lock-at-most-for:PT30S}")
public class ClusterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    LockProvider lockProvider(DataSource dataSource, ClusterProperties cluster) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue(cluster.node())
                .build());
    }

    /** On PostgreSQL the bus listens and announces; on H2 the embedded default runs as one node and needs none. */
    @Bean
    ClusterBus clusterBus(DataSource dataSource, ClusterProperties cluster) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        if (!"PostgreSQL".equals(product)) {
            return ClusterBus.ALONE;
        }
        log.info(
                "Node {}: changes to revocations, agreements and keys are announced to the other nodes on {}",
                cluster.node(),
                product);
        return new PostgresClusterBus(dataSource, cluster.node(), cluster.refreshInterval());
    }
}
