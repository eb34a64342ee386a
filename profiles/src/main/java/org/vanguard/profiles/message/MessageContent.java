package org.vanguard.profiles.message;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * What the hub needs to know about a message to route and decide it, read once from the Bundle. Codes are
 * still plain text with their locations: governance value objects check them, and a failure points back here.
 */
public record MessageContent(
        Bundle bundle,
        HubEvent event,
        String headerId,
        Located sender,
        List<Located> destinations,
        Located nhsNumber,
        List<Located> registeredPractices,
        Set<String> resourceTypes,
        Optional<Located> purpose) {

    public MessageContent {
        destinations = List.copyOf(destinations);
        registeredPractices = List.copyOf(registeredPractices);
        resourceTypes = Set.copyOf(resourceTypes);
    }

    /** The message's resources after its MessageHeader, in entry order. */
    public List<Resource> resources() {
        return bundle.getEntry().stream()
                .skip(1)
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
