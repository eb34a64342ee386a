package org.vanguard.hub.governance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.vanguard.governance.agreement.AgreementStore;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.participant.ParticipantFileReader;
import org.vanguard.governance.pseudonym.Pseudonyms;
import org.vanguard.governance.relationship.RelationshipStore;
import org.vanguard.hub.audit.GroupCommitTransactions;
import org.vanguard.profiles.redaction.Redactor;
import org.vanguard.profiles.redaction.SensitiveCodes;
import org.vanguard.routes.care.CareTeamRepository;
import org.vanguard.routes.care.RelationshipLearner;
import org.vanguard.routes.care.RelationshipRepository;
import org.vanguard.routes.care.SubscriptionRepository;
import org.vanguard.routes.dispatch.DeliveryRecheck;
import org.vanguard.routes.dispatch.DispatchPlanner;
import org.vanguard.routes.dispatch.DispatchedMessages;
import org.vanguard.routes.dispatch.RecipientDecisions;
import org.vanguard.routes.dispatch.RecipientResolver;
import org.vanguard.routes.query.RecordQuery;
import org.vanguard.routes.record.RecordKeeper;
import org.vanguard.routes.record.RecordRepository;
import org.vanguard.routes.review.OverrideReviews;

/** Builds the governance domain with {@code new}, from the configured files, and hands it to the routes. */
@Configuration(proxyBeanMethods = false)
public class GovernanceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GovernanceConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ParticipantDirectory participantDirectory(GovernanceProperties properties, ResourcePatternResolver resolver)
            throws IOException {
        Resource resource = resolver.getResource(properties.participants());
        ParticipantDirectory directory = new ParticipantFileReader()
                .read(properties.participants(), resource.getContentAsString(StandardCharsets.UTF_8));
        log.info("Loaded {} participants from {}", directory.all().size(), properties.participants());
        return directory;
    }

    @Bean
    DecisionEngine decisionEngine(
            AgreementStore agreements,
            ParticipantDirectory participants,
            ConsentStore consents,
            ObjectionStore objections,
            RelationshipStore relationships,
            Clock clock) {
        return DecisionEngine.standard(agreements, participants, consents, objections, relationships, clock);
    }

    @Bean
    DeliveryRecheck deliveryRecheck(DecisionEngine engine, AuditLog auditLog, Clock clock) {
        return new DeliveryRecheck(engine, auditLog, clock);
    }

    @Bean
    RelationshipLearner relationshipLearner(RelationshipRepository relationships, ParticipantDirectory participants) {
        return new RelationshipLearner(relationships, participants);
    }

    @Bean
    RecipientDecisions recipientDecisions(DecisionEngine engine, OverrideReviews reviews, Pseudonyms pseudonyms) {
        return new RecipientDecisions(engine, reviews, new Redactor(SensitiveCodes.shipped()), pseudonyms);
    }

    @Bean
    RecordKeeper recordKeeper(RecordRepository records) {
        return new RecordKeeper(records);
    }

    @Bean
    RecordQuery recordQuery(RecordRepository records, RecipientDecisions decisions, AuditLog auditLog, Clock clock) {
        return new RecordQuery(records, decisions, auditLog, clock);
    }

    @Bean
    DispatchPlanner dispatchPlanner(
            CareTeamRepository careTeams,
            SubscriptionRepository subscriptions,
            RecipientDecisions decisions,
            RecordKeeper records,
            AuditLog auditLog,
            RelationshipLearner learner,
            Clock clock,
            GroupCommitTransactions transactions,
            DispatchedMessages dispatched) {
        return new DispatchPlanner(
                new RecipientResolver(careTeams, subscriptions),
                decisions,
                records,
                auditLog,
                learner,
                clock,
                transactions,
                dispatched);
    }
}
