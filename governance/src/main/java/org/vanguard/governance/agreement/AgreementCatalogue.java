package org.vanguard.governance.agreement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.purpose.Purpose;

/**
 * The agreements of a vanguard, indexed by sender and recipient so that a decision looks at only the
 * clauses that could apply. Immutable: reloading agreements builds a new catalogue, so a decision never
 * sees half a change.
 */
public final class AgreementCatalogue {

    private final List<Agreement> agreements;
    private final Map<OdsCode, Map<OdsCode, List<Candidate>>> bySenderAndRecipient;

    /** A flow of an agreement, kept with its agreement for explanation. */
    public record Candidate(Agreement agreement, Flow flow) {
        public AgreementClause clause() {
            return AgreementClause.of(agreement, flow);
        }
    }

    public AgreementCatalogue(Collection<Agreement> agreements) {
        Map<String, Agreement> byId = new HashMap<>();
        for (Agreement agreement : agreements) {
            if (byId.putIfAbsent(agreement.id(), agreement) != null) {
                throw new IllegalArgumentException("agreement " + agreement.id() + " is defined twice");
            }
        }
        this.agreements = List.copyOf(agreements);
        Map<OdsCode, Map<OdsCode, List<Candidate>>> index = new HashMap<>();
        for (Agreement agreement : this.agreements) {
            for (Flow flow : agreement.flows()) {
                for (OdsCode from : flow.from()) {
                    for (OdsCode to : flow.to()) {
                        index.computeIfAbsent(from, k -> new HashMap<>())
                                .computeIfAbsent(to, k -> new ArrayList<>())
                                .add(new Candidate(agreement, flow));
                    }
                }
            }
        }
        this.bySenderAndRecipient = index;
    }

    public static AgreementCatalogue empty() {
        return new AgreementCatalogue(List.of());
    }

    public List<Agreement> all() {
        return agreements;
    }

    public Optional<Agreement> find(String id) {
        return agreements.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Every clause that names this exchange, whether or not its agreement is in force. */
    public List<Candidate> clausesFor(OdsCode sender, OdsCode recipient, String resourceType, Purpose purpose) {
        List<Candidate> candidates =
                bySenderAndRecipient.getOrDefault(sender, Map.of()).getOrDefault(recipient, List.of());
        List<Candidate> matching = new ArrayList<>(candidates.size());
        for (Candidate candidate : candidates) {
            if (candidate.flow().covers(sender, recipient, resourceType, purpose)) {
                matching.add(candidate);
            }
        }
        return matching;
    }

    /** The first clause of an agreement in force on the day that covers this exchange. */
    public Optional<Candidate> clauseInForce(
            OdsCode sender, OdsCode recipient, String resourceType, Purpose purpose, LocalDate date) {
        for (Candidate candidate : clausesFor(sender, recipient, resourceType, purpose)) {
            if (candidate.agreement().isInForceOn(date)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
