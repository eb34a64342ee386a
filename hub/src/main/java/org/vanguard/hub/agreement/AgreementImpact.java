package org.vanguard.hub.agreement;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.consent.ConsentStore;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.impact.AgreementChange;
import org.vanguard.governance.impact.ChangeImpact;
import org.vanguard.governance.impact.ImpactReport;
import org.vanguard.governance.impact.PastDecision;
import org.vanguard.governance.objection.ObjectionStore;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.relationship.RelationshipStore;

/**
 * Reads the recent dispatch decisions between an agreement's parties from the audit and has {@link ChangeImpact} weigh
 * a change against them, with the hub's own participants, Consents, objections, relationships and clock. Reads only:
 * nothing is decided for real, sent or audited.
 */
public final class AgreementImpact {

    private final JdbcTemplate jdbc;
    private final ChangeImpact impact;
    private final Clock clock;
    private final Duration window;
    private final int maxDecisions;

    public AgreementImpact(
            JdbcTemplate jdbc,
            ParticipantDirectory participants,
            ConsentStore consents,
            ObjectionStore objections,
            RelationshipStore relationships,
            Clock clock,
            ImpactProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = properties.window();
        this.maxDecisions = properties.maxDecisions();
        this.impact = new ChangeImpact(
                store -> DecisionEngine.standard(store, participants, consents, objections, relationships, clock),
                properties.sampleSize());
    }

    /** The impact of the change over the configured window ending now. */
    public ImpactReport of(AgreementChange change, AgreementCatalogue current) {
        return of(change, current, window);
    }

    /** The impact of the change over the given window ending now. */
    public ImpactReport of(AgreementChange change, AgreementCatalogue current, Duration over) {
        Instant to = clock.instant();
        Instant from = to.minus(over);
        Set<String> parties = new LinkedHashSet<>();
        change.parties().forEach(ods -> parties.add(ods.value()));
        current.find(change.agreement().id())
                .ifPresent(inForce -> inForce.parties()
                        .forEach(party -> parties.add(party.ods().value())));
        String marks = String.join(", ", Collections.nCopies(parties.size(), "?"));
        List<Object> arguments = new ArrayList<>();
        arguments.add(Timestamp.from(from));
        arguments.addAll(parties);
        arguments.addAll(parties);
        arguments.add(maxDecisions + 1);
        Set<List<String>> seen = new HashSet<>();
        List<PastDecision> past = new ArrayList<>();
        jdbc.query(
                "select message_id, recorded_at, sender_ods, recipient_ods, purpose, nhs_number, resource_type, outcome,"
                        + " emergency_reason from audit_decision where recorded_at >= ?"
                        + " and (event_kind is null or event_kind = 'DISPATCH')"
                        + " and sender_ods in (" + marks + ") and recipient_ods in (" + marks + ")"
                        + " order by seq desc limit ?",
                rs -> {
                    List<String> key = List.of(
                            rs.getString("message_id"),
                            rs.getString("recipient_ods"),
                            rs.getString("resource_type"),
                            rs.getString("purpose"));
                    if (!seen.add(key)) {
                        return;
                    }
                    Optional<Purpose> purpose = Purpose.find(rs.getString("purpose"));
                    if (purpose.isEmpty()) {
                        return;
                    }
                    String emergency = rs.getString("emergency_reason");
                    DecisionRequest request = new DecisionRequest(
                            OdsCode.of(rs.getString("sender_ods")),
                            OdsCode.of(rs.getString("recipient_ods")),
                            purpose.get(),
                            NhsNumber.of(rs.getString("nhs_number")),
                            rs.getString("resource_type"),
                            Optional.ofNullable(emergency)
                                    .map(code -> new EmergencyOverride(code, "", "as recorded in the audit")));
                    past.add(new PastDecision(
                            rs.getString("message_id"),
                            rs.getTimestamp("recorded_at").toInstant(),
                            request,
                            rs.getString("outcome")));
                },
                arguments.toArray());
        boolean truncated = past.size() > maxDecisions;
        List<PastDecision> read = truncated ? past.subList(0, maxDecisions) : past;
        return impact.assess(change, current, read, from, to, truncated);
    }
}
