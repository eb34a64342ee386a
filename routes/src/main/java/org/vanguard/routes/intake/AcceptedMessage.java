package org.vanguard.routes.intake;

import java.time.Instant;
import org.hl7.fhir.r4.model.Bundle;

/** A message the hub has accepted and durably queued, and the response message its sender receives. */
public record AcceptedMessage(String hubMessageId, Instant acceptedAt, MessageFacts facts, Bundle response) {
}
