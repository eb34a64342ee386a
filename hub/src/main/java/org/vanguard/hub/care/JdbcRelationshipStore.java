package org.vanguard.hub.care;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.relationship.Relationship;
import org.vanguard.governance.relationship.RelationshipKind;
import org.vanguard.governance.relationship.RelationshipStore;
import org.vanguard.hub.mailbox.GovernanceChanged;
import org.vanguard.routes.care.RelationshipRepository;

/** Relationships on the database, one row per patient, participant and kind. */
@Repository
public class JdbcRelationshipStore implements RelationshipStore, RelationshipRepository {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate savepoint;

    public JdbcRelationshipStore(
            JdbcTemplate jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.events = events;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public List<Relationship> relationshipsOf(NhsNumber patient) {
        return jdbc.query(
                "select participant, kind, since, until_time, source from care_relationship where nhs_number = ?",
                (rs, n) -> new Relationship(
                        patient,
                        OdsCode.of(rs.getString("participant")),
                        RelationshipKind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("since").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("until_time")).map(Timestamp::toInstant),
                        rs.getString("source")),
                patient.value());
    }

    /**
     * Records the relationship. One already in force is left as it is (its start stands); an ended one is
     * opened again from the new start.
     */
    @Override
    @Transactional
    public void record(Relationship relationship) {
        int updated = jdbc.update(
                """
                update care_relationship set since = ?, until_time = ?, source = ?
                where nhs_number = ? and participant = ? and kind = ? and until_time is not null""",
                Timestamp.from(relationship.since()),
                relationship.until().map(Timestamp::from).orElse(null),
                relationship.source(),
                relationship.patient().value(),
                relationship.participant().value(),
                relationship.kind().name());
        if (updated > 0) {
            return;
        }
        Integer existing = jdbc.queryForObject(
                """
                select count(*) from care_relationship where nhs_number = ? and participant = ? and kind = ?""",
                Integer.class,
                relationship.patient().value(),
                relationship.participant().value(),
                relationship.kind().name());
        if (existing != null && existing > 0) {
            return;
        }
        try {
            // Under a savepoint: the caller's transaction (dispatch's) goes on after a duplicate, which PostgreSQL
            // allows only once the failed insert is rolled back to a savepoint.
            savepoint.executeWithoutResult(status -> jdbc.update(
                    """
                    insert into care_relationship (nhs_number, participant, kind, since, until_time, source)
                    values (?, ?, ?, ?, ?, ?)""",
                    relationship.patient().value(),
                    relationship.participant().value(),
                    relationship.kind().name(),
                    Timestamp.from(relationship.since()),
                    relationship.until().map(Timestamp::from).orElse(null),
                    relationship.source()));
        } catch (DuplicateKeyException e) {
            // Another dispatcher recorded the same relationship a moment ago: it is recorded, which is all we need.
        }
    }

    @Override
    public boolean end(Relationship relationship, Instant at) {
        boolean ended = jdbc.update(
                        """
                update care_relationship set until_time = ? where nhs_number = ? and participant = ? and kind = ?
                and until_time is null""",
                        Timestamp.from(at),
                        relationship.patient().value(),
                        relationship.participant().value(),
                        relationship.kind().name())
                > 0;
        if (ended) {
            events.publishEvent(GovernanceChanged.forPatient(
                    relationship.patient(), "relationship with " + relationship.participant() + " ended"));
        }
        return ended;
    }
}
