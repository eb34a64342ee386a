package org.vanguard.hub.care;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.governance.yaml.YamlNode;
import org.vanguard.hub.governance.GovernanceProperties;

/**
 * Loads the MDT caseloads file at start ({@code caseloads:} a list of {@code team} and its {@code patients}
 * by NHS number) as {@code MDT_CASELOAD} relationships. Loading is idempotent: a caseload entry already
 * recorded stays as it is.
 */
@Component
public class CaseloadLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(CaseloadLoader.class);

    private final GovernanceProperties properties;
    private final ResourceLoader resources;
    private final ParticipantDirectory participants;
    private final JdbcRelationshipStore relationships;
    private final Clock clock;

    public CaseloadLoader(
            GovernanceProperties properties,
            ResourceLoader resources,
            ParticipantDirectory participants,
            JdbcRelationshipStore relationships,
            Clock clock) {
        this.properties = properties;
        this.resources = resources;
        this.participants = participants;
        this.relationships = relationships;
        this.clock = clock;
    }

    /** Runs before Camel starts its routes, so no message is decided without the caseloads. */
    @Override
    public void afterPropertiesSet() throws IOException {
        if (properties.caseloads() == null || properties.caseloads().isBlank()) {
            return;
        }
        Resource resource = resources.getResource(properties.caseloads());
        YamlNode root = YamlNode.parse(properties.caseloads(), resource.getContentAsString(StandardCharsets.UTF_8))
                .onlyKeys("caseloads");
        int count = 0;
        for (YamlNode caseload : root.required("caseloads").items()) {
            caseload.onlyKeys("team", "patients");
            YamlNode teamNode = caseload.required("team");
            OdsCode team = teamNode.as(OdsCode::new);
            if (!participants.contains(team)) {
                throw teamNode.error("team " + team + " is not a participant of this vanguard");
            }
            for (YamlNode patient : caseload.required("patients").items()) {
                NhsNumber nhs = patient.as(NhsNumber::new);
                relationships.record(new Relationship(
                        nhs,
                        team,
                        RelationshipKind.MDT_CASELOAD,
                        clock.instant(),
                        Optional.empty(),
                        "caseload file " + properties.caseloads()));
                count++;
            }
        }
        log.info("Loaded {} caseload entries from {}", count, properties.caseloads());
    }
}
