package org.vanguard.routes.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.decision.Decision;
import org.vanguard.governance.decision.DecisionEngine;
import org.vanguard.governance.decision.DecisionRequest;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.intake.MessageFactsReader;

/**
 * Decides one accepted message: every candidate recipient and every resource type in the message is a
 * separate decision, each audited, permit and deny alike. A recipient receives only the resource types
 * it was permitted; a recipient permitted nothing receives nothing.
 */
public final class DispatchPlanner {

    private final MessageFactsReader reader = new MessageFactsReader();
    private final RecipientResolver recipients = new RecipientResolver();
    private final DecisionEngine engine;
    private final AuditLog audit;
    private final Clock clock;

    public DispatchPlanner(DecisionEngine engine, AuditLog audit, Clock clock) {
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Delivery> plan(String bundleJson, String hubMessageId) {
        MessageFacts facts = reader.read(FhirParsing.fromTrustedJson(Bundle.class, bundleJson));
        List<AuditEntry> entries = new ArrayList<>();
        List<Delivery> deliveries = new ArrayList<>();
        Set<String> types = new TreeSet<>(facts.content().resourceTypes());
        for (OdsCode recipient : recipients.candidates(facts)) {
            Set<String> permitted = new LinkedHashSet<>();
            Set<String> agreements = new LinkedHashSet<>();
            for (String type : types) {
                Decision decision = engine.decide(
                        new DecisionRequest(facts.sender(), recipient, facts.purpose(), facts.patient(), type));
                entries.add(AuditEntry.of(hubMessageId, decision, clock.instant()));
                decision.fold(permit -> {
                    permitted.add(type);
                    agreements.add(permit.basis().reference());
                    return permit;
                }, deny -> deny);
            }
            if (!permitted.isEmpty()) {
                Bundle delivery = MessageBundles.deliveryFor(facts.content().bundle(), hubMessageId,
                        recipient.value(), permitted);
                deliveries.add(new Delivery(deliveryId(hubMessageId, recipient), hubMessageId, recipient,
                        FhirParsing.toJson(delivery), List.copyOf(agreements)));
            }
        }
        audit.record(entries);
        return deliveries;
    }

    static String deliveryId(String hubMessageId, OdsCode recipient) {
        return UUID.nameUUIDFromBytes((hubMessageId + "|" + recipient.value()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
