package org.vanguard.governance.agreement;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.purpose.Purpose;

/**
 * An information-sharing agreement, one version of it, holding what the ICO data sharing code expects an
 * agreement to record: parties, purposes with their legal bases, flows, data scope (minimisation) and
 * accountability (retention, DPIA, breach contact, privacy notice). It checks its own consistency on
 * construction (every flow names parties and purposes the agreement holds, retention is set for parties,
 * the data scope speaks of types the flows share), so an agreement that exists can be enforced as written.
 */
public record Agreement(
        String id,
        int version,
        String title,
        AgreementStatus status,
        EffectivePeriod effective,
        Optional<LocalDate> reviewDate,
        List<Party> parties,
        List<PurposeTerms> purposes,
        List<Flow> flows,
        DataScope dataScope,
        Accountability accountability) {

    /** What an agreement id may be: it names files, audit records and URLs, so nothing that could reach a path. */
    private static final java.util.regex.Pattern ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Agreement {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an agreement needs an id");
        }
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("agreement id '" + id
                    + "' is not 1 to 64 letters, digits, '.', '_' or '-'" + " starting with a letter or digit");
        }
        if (version < 1) {
            throw new IllegalArgumentException("agreement " + id + " version must be 1 or more");
        }
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("agreement " + id + " needs a title");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(effective, "effective");
        Objects.requireNonNull(reviewDate, "reviewDate");
        Objects.requireNonNull(dataScope, "dataScope");
        Objects.requireNonNull(accountability, "accountability");
        parties = List.copyOf(parties);
        purposes = List.copyOf(purposes);
        flows = List.copyOf(flows);
        if (parties.size() < 2) {
            throw new IllegalArgumentException("agreement " + id + " needs at least two parties");
        }
        Set<OdsCode> partyCodes = new HashSet<>();
        for (Party party : parties) {
            if (!partyCodes.add(party.ods())) {
                throw new IllegalArgumentException("agreement " + id + " lists party " + party.ods() + " twice");
            }
        }
        Set<Purpose> purposeCodes = purposes.stream().map(PurposeTerms::purpose).collect(Collectors.toSet());
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("agreement " + id + " has no flows, so it shares nothing");
        }
        for (Flow flow : flows) {
            for (OdsCode ods : union(flow.from(), flow.to())) {
                if (!partyCodes.contains(ods)) {
                    throw new IllegalArgumentException(
                            flow.clause() + " names " + ods + ", which is not a party to agreement " + id);
                }
            }
            for (Purpose purpose : flow.purposes()) {
                if (!purposeCodes.contains(purpose)) {
                    throw new IllegalArgumentException(flow.clause() + " uses purpose " + purpose + ", which agreement "
                            + id + " does not list with a legal basis");
                }
            }
        }
        for (OdsCode recipient : accountability.retention().keySet()) {
            if (!partyCodes.contains(recipient)) {
                throw new IllegalArgumentException("agreement " + id + " sets a retention period for " + recipient
                        + ", which is not a party to it");
            }
        }
        for (String type : dataScope.elements().keySet()) {
            if (flows.stream().noneMatch(f -> f.resourceTypes().contains(type))) {
                throw new IllegalArgumentException(
                        "agreement " + id + " scopes the elements of " + type + ", which none of its flows shares");
            }
        }
    }

    /** An agreement that records no data scope or accountability details: whole records, nothing sensitive. */
    public Agreement(
            String id,
            int version,
            String title,
            AgreementStatus status,
            EffectivePeriod effective,
            Optional<LocalDate> reviewDate,
            List<Party> parties,
            List<PurposeTerms> purposes,
            List<Flow> flows) {
        this(
                id,
                version,
                title,
                status,
                effective,
                reviewDate,
                parties,
                purposes,
                flows,
                DataScope.wholeRecords(),
                Accountability.unrecorded());
    }

    /** The same agreement with another status: what its lifecycle, or a change being weighed, makes of it. */
    public Agreement withStatus(AgreementStatus newStatus) {
        return newStatus == status
                ? this
                : new Agreement(
                        id,
                        version,
                        title,
                        newStatus,
                        effective,
                        reviewDate,
                        parties,
                        purposes,
                        flows,
                        dataScope,
                        accountability);
    }

    /** Whether the agreement lets data flow on the given day: active and within its effective period. */
    public boolean isInForceOn(LocalDate date) {
        return status == AgreementStatus.ACTIVE && effective.contains(date);
    }

    /** Why the agreement does not let data flow on the given day, in words for an IG officer. */
    public String whyNotInForceOn(LocalDate date) {
        if (status != AgreementStatus.ACTIVE) {
            return "its status is " + status.label();
        }
        if (date.isBefore(effective.start())) {
            return "it does not take effect until " + effective.start();
        }
        return "it ended on " + effective.end().map(LocalDate::toString).orElse("?");
    }

    public Optional<PurposeTerms> termsFor(Purpose purpose) {
        for (PurposeTerms terms : purposes) {
            if (terms.purpose() == purpose) {
                return Optional.of(terms);
            }
        }
        return Optional.empty();
    }

    private static Set<OdsCode> union(Set<OdsCode> a, Set<OdsCode> b) {
        Set<OdsCode> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
