package org.vanguard.routes.intake;

import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;
import org.jspecify.annotations.Nullable;

/**
 * A message the hub has accepted and durably queued, and the response message its sender receives. An
 * acknowledgement from a recipient, which the hub answers without dispatching it, has no facts.
 */
public record AcceptedMessage(
        String hubMessageId, Instant acceptedAt, @Nullable MessageFacts facts, Bundle response) {}
