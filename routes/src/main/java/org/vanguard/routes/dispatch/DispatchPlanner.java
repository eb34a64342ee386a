package org.vanguard.routes.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;
import org.vanguard.governance.audit.AuditEntry;
import org.vanguard.governance.audit.AuditLog;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.message.MessageBundles;
import org.vanguard.routes.care.RelationshipLearner;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.intake.MessageFactsReader;
import org.vanguard.routes.record.RecordKeeper;
import org.vanguard.routes.record.StaleRecord;

/**
 * Decides one accepted message: every candidate recipient and every resource type in the message is a
 * separate decision, each audited, permit and deny alike. A recipient receives only the resource types it
 * was permitted, each minimised and labelled as its permit's obligations require; a recipient permitted
 * nothing receives nothing. The message's records are kept in the shared record store first: a message that
 * lost a race with a newer version of one of its records is forwarded to no one, that is audited, and its
 * sender finds a notice saying so in its mailbox.
 * Relationships the message shows (registered GP, care-home residency) are learnt before deciding.
 *
 * <p>A commit is what a dispatch costs most, so a message's database work (its records, the relationships it
 * shows, the decisions, an override's review and the decisions' audit) is one transaction, which the hub commits
 * together with other dispatchers' ({@code GroupCommitTransactions}); the bundles are built afterwards, outside it.
 * It commits before the JMS transaction that consumed the message; a redelivery after a failure in between writes
 * the records, relationships, audit and an override's review only once (each is idempotent).
 */
public final class DispatchPlanner {

    private static final Logger log = LoggerFactory.getLogger(DispatchPlanner.class);

    private final MessageFactsReader reader = new MessageFactsReader();
    private final RecipientResolver recipients;
    private final RecipientDecisions decisions;
    private final RecordKeeper records;
    private final AuditLog audit;
    private final RelationshipLearner learner;
    private final Clock clock;
    private final TransactionOperations transactions;

    public DispatchPlanner(RecipientResolver recipients, RecipientDecisions decisions, RecordKeeper records,
            AuditLog audit, RelationshipLearner learner, Clock clock, TransactionOperations transactions) {
        this.recipients = recipients;
        this.decisions = decisions;
        this.records = records;
        this.audit = audit;
        this.learner = learner;
        this.clock = clock;
        this.transactions = transactions;
    }

    public List<Delivery> plan(String bundleJson, String hubMessageId) {
        MessageFacts facts = reader.read(FhirParsing.fromTrustedJson(Bundle.class, bundleJson));
        Instant now = clock.instant();
        Decided decided = transactions.execute(status -> decide(facts, hubMessageId, now));
        if (!decided.stale().isEmpty()) {
            log.info("Message {} from {} is not forwarded: {}", hubMessageId, facts.sender(),
                    String.join("; ", decided.stale().stream().map(StaleRecord::explain).toList()));
            return List.of(StaleRefusals.notice(hubMessageId, facts, decided.stale(), now));
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<OdsCode, RecipientDecisions.Permitted> permitted : decided.permitted()) {
            OdsCode recipient = permitted.getKey();
            Bundle delivery = MessageBundles.deliveryFor(facts.content().bundle(), hubMessageId, recipient.value(),
                    resource -> decisions.release(resource, permitted.getValue(), facts.content().resources()));
            if (delivery.getEntry().size() > 1) {
                deliveries.add(new Delivery(deliveryId(hubMessageId, recipient), hubMessageId, recipient,
                        FhirParsing.toJson(delivery), List.copyOf(permitted.getValue().agreements()),
                        permitted.getValue().requests()));
            }
        }
        return deliveries;
    }

    /** What the database work decided: the stale records that stop the message, or each recipient's permits. */
    private record Decided(List<StaleRecord> stale, List<Map.Entry<OdsCode, RecipientDecisions.Permitted>> permitted) {
    }

    /** The database part, in one transaction: records, relationships, decisions, an override's review, the audit. */
    private Decided decide(MessageFacts facts, String hubMessageId, Instant now) {
        List<AuditEntry> entries = new ArrayList<>();
        List<OdsCode> candidates = recipients.candidates(facts);
        Set<String> types = new TreeSet<>(facts.content().resourceTypes());
        List<StaleRecord> stale = records.keep(facts, hubMessageId, now);
        if (!stale.isEmpty()) {
            audit.record(StaleRefusals.entries(hubMessageId, facts, candidates, types, stale, now));
            return new Decided(stale, List.of());
        }
        learner.learnFrom(facts, hubMessageId, now);
        List<Map.Entry<OdsCode, RecipientDecisions.Permitted>> permitted = new ArrayList<>();
        for (OdsCode recipient : candidates) {
            RecipientDecisions.Permitted decidedFor = decisions.decide(hubMessageId, facts.sender(), recipient,
                    facts.purpose(), facts.patient(), types, facts.emergency(), now, entries);
            if (!decidedFor.nothing()) {
                permitted.add(Map.entry(recipient, decidedFor));
            }
        }
        audit.record(entries);
        return new Decided(List.of(), permitted);
    }

    /** A delivery's id: the same message to the same recipient is always the same delivery. */
    public static String deliveryId(String hubMessageId, OdsCode recipient) {
        return UUID.nameUUIDFromBytes((hubMessageId + "|" + recipient.value()).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
