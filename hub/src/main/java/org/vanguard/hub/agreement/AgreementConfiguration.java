package org.vanguard.hub.agreement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.relationship.RelationshipStore;
import org.vanguard.hub.governance.GovernanceProperties;
import org.vanguard.hub.mailbox.GovernanceChanged;

/**
 * Builds the agreement catalogue from the configured files (and the IG officers' drafts), so the decision engine
 * reads it through governance's {@code AgreementStore} port and never this module's classes.
 */
@Configuration(proxyBeanMethods = false)
class AgreementConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AgreementConfiguration.class);

    /** Every later change of the catalogue is published as a {@link GovernanceChanged} for everyone's mailboxes. */
    @Bean
    FileAgreementStore agreementStore(
            GovernanceProperties properties,
            ResourcePatternResolver resolver,
            ParticipantDirectory participants,
            JdbcAgreementLifecycleLog changeLog,
            Clock clock,
            JdbcTemplate jdbc,
            ApplicationEventPublisher events)
            throws IOException {
        if (properties.drafts() != null && !properties.drafts().isBlank()) {
            Files.createDirectories(Path.of(properties.drafts()));
        }
        FileAgreementStore store =
                new FileAgreementStore(resolver, properties.agreementLocations(), participants, changeLog, clock);
        store.keepInDatabase(jdbc);
        AgreementCatalogue catalogue = store.start(properties.reviseOnStart());
        log.info("Loaded {} agreements from {}", catalogue.all().size(), properties.agreementLocations());
        store.onCatalogueChange(() -> events.publishEvent(GovernanceChanged.forEveryone("agreements changed")));
        return store;
    }

    @Bean
    AgreementImpact agreementImpact(
            JdbcTemplate jdbc,
            ParticipantDirectory participants,
            ConsentStore consents,
            ObjectionStore objections,
            RelationshipStore relationships,
            Clock clock,
            ImpactProperties properties) {
        return new AgreementImpact(jdbc, participants, consents, objections, relationships, clock, properties);
    }
}
