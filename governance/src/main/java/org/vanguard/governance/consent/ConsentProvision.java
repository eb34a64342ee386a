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
 */
public record ConsentProvision(
        String path,
        ConsentAction type,
        ConsentPeriod period,
        Set<OdsCode> actors,
        Set<Purpose> purposes,
        Set<String> resourceTypes,
        Set<String> securityLabels,
        List<ConsentProvision> provisions) {

    public ConsentProvision {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(period, "period");
        actors = Set.copyOf(actors);
        purposes = Set.copyOf(purposes);
        resourceTypes = Set.copyOf(resourceTypes);
        securityLabels = Set.copyOf(securityLabels);
        provisions = List.copyOf(provisions);
    }
}
