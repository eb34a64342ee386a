package org.vanguard.governance.consent;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.purpose.Purpose;

/**
 * One provision of a Consent (FHIR {@code Consent.provision}), limited by period, actor (organisation or
 * team), purpose, resource class and security label. An empty limit means "any". Nested provisions are
 * exceptions to this one.
 *
 * @param path where this provision sits in the Consent, e.g. {@code provision.provision[1]}, for explanations
 * @param otherPurposes purposes of use the provision names that the hub does not serve ({@code system|code}, e.g. v3
 *     ActReason {@code GOV}): a provision limited to those alone applies to no exchange through the hub
 */
public record ConsentProvision(
        String path,
        ConsentAction type,
        ConsentPeriod period,
        Set<OdsCode> actors,
        Set<Purpose> purposes,
        Set<String> resourceTypes,
        Set<String> securityLabels,
        List<ConsentProvision> provisions,
        Set<String> otherPurposes) {

    public ConsentProvision {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        actors = Set.copyOf(actors);
        purposes = Set.copyOf(purposes);
        resourceTypes = Set.copyOf(resourceTypes);
        securityLabels = Set.copyOf(securityLabels);
        provisions = List.copyOf(provisions);
        otherPurposes = Set.copyOf(otherPurposes);
        for (ConsentProvision nested : provisions) {
            if (nested.type() == ConsentAction.UNSTATED) {
                throw new IllegalArgumentException(nested.path() + ": a nested provision must say permit or deny");
            }
        }
    }

    /** A provision naming only purposes of use the hub knows (or none, meaning any). */
    public ConsentProvision(
            String path,
            ConsentAction type,
            ConsentPeriod period,
            Set<OdsCode> actors,
            Set<Purpose> purposes,
            Set<String> resourceTypes,
            Set<String> securityLabels,
            List<ConsentProvision> provisions) {
        this(path, type, period, actors, purposes, resourceTypes, securityLabels, provisions, Set.of());
    }

    /** Whether the provision is limited by purpose of use (to the hub's purposes, to others, or to both). */
    public boolean limitsPurpose() {
        return !purposes.isEmpty() || !otherPurposes.isEmpty();
    }
}
