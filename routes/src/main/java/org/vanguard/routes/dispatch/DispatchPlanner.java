package org.vanguard.routes.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionCallback;
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
 * <p>A commit is what a dispatch costs most, so a dispatcher plans a batch of messages ({@link #planBatch}) and their
 * database work (each message's records, the relationships it shows, the decisions, an override's review and the
 * decisions' audit, under a savepoint of its own) is one transaction, which the hub commits together with other
 * dispatchers' ({@link GroupedTransactions}); the bundles are built afterwards, outside it. A message whose parse,
 * database work or bundles fail is planned as failed, alone: the others of its batch go on. The transaction commits
 * before the JMS transaction that consumed the batch, and with it the decision taken ({@link DispatchedMessages}): a
 * message redelivered after a failure in between (a crash, a send the broker refused) is delivered as decided the first
 * time, without deciding again, so its batch-mates' records and relationships, committed with it, cannot change its
 * decision, and its audit holds each decision once.
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
    private final GroupedTransactions transactions;
    private final DispatchedMessages dispatched;

    public DispatchPlanner(
            RecipientResolver recipients,
            RecipientDecisions decisions,
            RecordKeeper records,
            AuditLog audit,
            RelationshipLearner learner,
            Clock clock,
            GroupedTransactions transactions,
            DispatchedMessages dispatched) {
        this.recipients = recipients;
        this.decisions = decisions;
        this.records = records;
        this.audit = audit;
        this.learner = learner;
        this.clock = clock;
        this.transactions = transactions;
        this.dispatched = dispatched;
    }

    /** Plans one message alone; its failure is thrown. */
    public List<Delivery> plan(String bundleJson, String hubMessageId) {
        PlannedMessage planned = planBatch(List.of(
                        new IntakeMessage(bundleJson, Map.of(org.vanguard.routes.HubHeaders.MESSAGE_ID, hubMessageId))))
                .get(0);
        if (planned.isFailed()) {
            throw planned.cause();
        }
        return planned.deliveries();
    }

    /**
     * Plans a batch, in order: every message's database work in one transaction (a savepoint each), then each
     * message's bundles. One message's failure is its own: its outcome says so and the others are planned.
     */
    public List<PlannedMessage> planBatch(List<IntakeMessage> batch) {
        Instant now = clock.instant();
        List<@Nullable MessageFacts> facts = new ArrayList<>(batch.size());
        List<@Nullable RuntimeException> failures = new ArrayList<>(batch.size());
        List<TransactionCallback<Decided>> work = new ArrayList<>(batch.size());
        for (IntakeMessage message : batch) {
            try {
                MessageFacts read = reader.read(FhirParsing.fromTrustedJson(Bundle.class, message.bundleJson()));
                facts.add(read);
                failures.add(null);
                work.add(status -> decide(read, message.hubMessageId(), now));
            } catch (RuntimeException unreadable) {
                facts.add(null);
                failures.add(unreadable);
            }
        }
        List<GroupedTransactions.Outcome<Decided>> decided = transactions.executeEach(work);
        List<PlannedMessage> planned = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            IntakeMessage message = batch.get(i);
            RuntimeException unreadable = failures.get(i);
            MessageFacts read = facts.get(i);
            if (unreadable != null || read == null) {
                planned.add(PlannedMessage.failed(
                        message,
                        unreadable != null
                                ? unreadable
                                : new IllegalStateException("message " + message.hubMessageId() + " was not read")));
                continue;
            }
            GroupedTransactions.Outcome<Decided> outcome = decided.get(next++);
            Decided result = outcome.result();
            if (outcome.failed() || result == null) {
                planned.add(PlannedMessage.failed(message, outcome.cause()));
                continue;
            }
            try {
                planned.add(PlannedMessage.planned(message, deliveries(read, message.hubMessageId(), result)));
            } catch (RuntimeException unbuilt) {
                planned.add(PlannedMessage.failed(message, unbuilt));
            }
        }
        return planned;
    }

    private List<Delivery> deliveries(MessageFacts facts, String hubMessageId, Decided decided) {
        if (!decided.stale().isEmpty()) {
            if (!decided.again()) {
                log.info(
                        "Message {} from {} is not forwarded: {}",
                        hubMessageId,
                        facts.sender(),
                        String.join(
                                "; ",
                                decided.stale().stream()
                                        .map(StaleRefusals.Issue::explanation)
                                        .toList()));
            }
            return List.of(StaleRefusals.notice(hubMessageId, facts, decided.stale(), decided.at()));
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<OdsCode, RecipientDecisions.Permitted> permitted : decided.permitted()) {
            OdsCode recipient = permitted.getKey();
            Bundle delivery = MessageBundles.deliveryFor(
                    facts.content().bundle(),
                    hubMessageId,
                    recipient.value(),
                    resource -> decisions.release(
                            resource, permitted.getValue(), facts.content().resources()));
            if (delivery.getEntry().size() > 1) {
                deliveries.add(new Delivery(
                        deliveryId(hubMessageId, recipient),
                        hubMessageId,
                        recipient,
                        FhirParsing.toJson(delivery),
                        List.copyOf(permitted.getValue().agreements()),
                        permitted.getValue().requests()));
            }
        }
        return deliveries;
    }

    /**
     * What the database work decided, at {@code at}: the stale records that stop the message, or each recipient's
     * permits; {@code again} when it is the decision kept from an earlier dispatch of the same message.
     */
    record Decided(
            Instant at,
            List<StaleRefusals.Issue> stale,
            List<Map.Entry<OdsCode, RecipientDecisions.Permitted>> permitted,
            boolean again) {

        Decided {
            stale = List.copyOf(stale);
            permitted = List.copyOf(permitted);
        }
    }

    /**
     * The database part, in one transaction: records, relationships, decisions, an override's review, the audit, and
     * the decision kept ({@link DispatchedMessages}). A message dispatched before (its transaction committed, its JMS
     * transaction did not) is not decided again: its deliveries are built from the decision kept, and nothing is
     * written, so a redelivery adds no audit entry and cannot be decided differently by what committed since.
     */
    private Decided decide(MessageFacts facts, String hubMessageId, Instant now) {
        Optional<DispatchedMessages.Dispatched> before = dispatched.find(hubMessageId);
        if (before.isPresent()) {
            log.info(
                    "Message {} was dispatched before (decided at {}) and is delivered again as decided then",
                    hubMessageId,
                    before.get().decidedAt());
            return DispatchPlans.decode(before.get(), facts);
        }
        Decided decided = decideFirst(facts, hubMessageId, now);
        dispatched.record(hubMessageId, new DispatchedMessages.Dispatched(now, DispatchPlans.encode(decided)));
        return decided;
    }

    private Decided decideFirst(MessageFacts facts, String hubMessageId, Instant now) {
        List<AuditEntry> entries = new ArrayList<>();
        List<OdsCode> candidates = recipients.candidates(facts);
        Set<String> types = new TreeSet<>(facts.content().resourceTypes());
        List<StaleRecord> stale = records.keep(facts, hubMessageId, now);
        if (!stale.isEmpty()) {
            audit.record(StaleRefusals.entries(hubMessageId, facts, candidates, types, stale, now));
            return new Decided(now, stale.stream().map(StaleRefusals.Issue::of).toList(), List.of(), false);
        }
        learner.learnFrom(facts, hubMessageId, now);
        List<Map.Entry<OdsCode, RecipientDecisions.Permitted>> permitted = new ArrayList<>();
        for (OdsCode recipient : candidates) {
            RecipientDecisions.Permitted decidedFor = decisions.decide(
                    hubMessageId,
                    facts.sender(),
                    recipient,
                    facts.purpose(),
                    facts.patient(),
                    types,
                    facts.emergency(),
                    now,
                    entries);
            if (!decidedFor.nothing()) {
                permitted.add(Map.entry(recipient, decidedFor));
            }
        }
        audit.record(entries);
        return new Decided(now, List.of(), permitted, false);
    }

    /** A delivery's id: the same message to the same recipient is always the same delivery. */
    public static String deliveryId(String hubMessageId, OdsCode recipient) {
        return UUID.nameUUIDFromBytes((hubMessageId + "|" + recipient.value()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
