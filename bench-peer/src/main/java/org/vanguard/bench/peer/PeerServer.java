package org.vanguard.bench.peer;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.narrative2.NullNarrativeGenerator;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The peer of the hub's benchmark (#14): a HAPI FHIR JPA server as a HAPI user would build one, on H2 or PostgreSQL,
 * serving every R4 resource type as HAPI does (the benchmark writes Patient, CarePlan and Consent, in transaction
 * Bundles) at {@code /fhir}, behind a {@link ConsentInterceptor}
 * whose {@link PurposeAndConsentService} answers per request the hub's question (may this sender share this patient's
 * records for this purpose with these recipients). Hibernate Search (Lucene/Elasticsearch) is off, as the hub has no
 * full-text index either. TLS with client authentication comes from {@code application.yml} (the hub's PKI).
 *
 * <p>Database: {@code peer.database=h2} (default, a file under {@code peer.data-dir}) or {@code postgresql}
 * ({@code peer.postgres-url}, user {@code peer.postgres-user}, schema {@code peer.postgres-schema}, created if
 * missing).
 */
@SpringBootApplication(
        exclude = {
            HibernateJpaAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            QuartzAutoConfiguration.class,
            ThymeleafAutoConfiguration.class,
            ElasticsearchClientAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class
        })
@Import({
    JpaR4Config.class,
    HapiJpaConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    ThreadPoolFactoryConfig.class,
    SubscriptionChannelConfig.class
})
public class PeerServer {

    public static void main(String[] args) {
        SpringApplication.run(PeerServer.class, args);
    }

    @Bean
    public DataSource dataSource(
            @Value("${peer.database:h2}") String database,
            @Value("${peer.data-dir:./peer-data}") String dataDir,
            @Value("${peer.postgres-url:jdbc:postgresql://127.0.0.1:5432/test}") String postgresUrl,
            @Value("${peer.postgres-user:postgres}") String postgresUser,
            @Value("${peer.postgres-schema:peer}") String postgresSchema,
            @Value("${peer.pool-size:16}") int poolSize) {
        HikariDataSource pool = new HikariDataSource();
        if ("postgresql".equals(database)) {
            pool.setJdbcUrl(postgresUrl);
            pool.setUsername(postgresUser);
            pool.setSchema(postgresSchema);
            pool.setConnectionInitSql("CREATE SCHEMA IF NOT EXISTS " + postgresSchema);
        } else {
            // The hub's H2 settings (hub application.yml): every commit durable (WRITE_DELAY=0, H2's default
            // delays writes by half a second), the same page cache and statement cache.
            pool.setJdbcUrl("jdbc:h2:file:" + dataDir + "/peer;WRITE_DELAY=0;QUERY_CACHE_SIZE=128;CACHE_SIZE=32768");
            pool.setUsername("sa");
        }
        pool.setMaximumPoolSize(poolSize);
        return pool;
    }

    @Bean
    public JpaStorageSettings storageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // Client-assigned ids (the senders keep one logical id per record, as they do with the hub).
        settings.setResourceClientIdStrategy(JpaStorageSettings.ClientIdStrategyEnum.ANY);
        settings.setAllowMultipleDelete(false);
        settings.setAdvancedHSearchIndexing(false);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beans,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            DataSource dataSource,
            @Value("${peer.database:h2}") String database) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beans, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        factory.setJpaPropertyMap(Map.of(
                "hibernate.dialect",
                "postgresql".equals(database)
                        ? HapiFhirPostgresDialect.class.getName()
                        : HapiFhirH2Dialect.class.getName(),
                "hibernate.hbm2ddl.auto",
                "update",
                "hibernate.jdbc.batch_size",
                "20",
                "hibernate.cache.use_query_cache",
                "false",
                "hibernate.cache.use_second_level_cache",
                "false",
                "hibernate.search.enabled",
                "false",
                "hibernate.archive.scanner",
                "org.hibernate.boot.archive.scan.internal.DisabledScanner",
                "hibernate.physical_naming_strategy",
                "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
                "hibernate.format_sql",
                "false",
                "hibernate.show_sql",
                "false"));
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    public PurposeAndConsentService purposeAndConsentService(DaoRegistry daoRegistry) {
        return new PurposeAndConsentService(daoRegistry);
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            PurposeAndConsentService consent) {
        FhirContext fhirContext = systemDao.getContext();
        fhirContext.setNarrativeGenerator(new NullNarrativeGenerator());
        RestfulServer server = new RestfulServer(fhirContext);
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerInterceptor(new ConsentInterceptor(consent));
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
