package org.vanguard.hub.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.vanguard.hub.metrics.HubMetrics;
import org.vanguard.routes.HubHeaders;
import org.vanguard.routes.delivery.WaitingDelivery;

/**
 * Audits that a recipient has a delivery, from the delivery itself (its broker properties say which message, sender,
 * patient, resource types, purpose and agreement clauses it carries). Called where the hub sees the receipt: the REST
 * mailbox serving or acknowledging it, and the delivery ledger noting a push answered ok or a response message.
 * A delivery about no patient (a non-delivery notice to a sender) discloses no record and gets no receipt.
 */
@Service
public class Receipts {

    private final JdbcAuditLog log;
    private final Clock clock;
    private final HubMetrics metrics;

    public Receipts(JdbcAuditLog log, Clock clock, HubMetrics metrics) {
        this.log = log;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records that the delivery's recipient has it, this way; once per delivery and way.
     *
     * @return false when there was nothing to record (already recorded, or no patient's record in it)
     */
    public boolean received(WaitingDelivery delivery, String how) {
        if (delivery.patient() == null || delivery.patient().isBlank()) {
            return false;
        }
        Instant now = clock.instant();
        boolean recorded = log.record(new Receipt(
                now,
                delivery.deliveryId(),
                delivery.hubMessageId(),
                delivery.sender(),
                delivery.recipient().value(),
                delivery.properties().get(HubHeaders.PURPOSE),
                delivery.patient(),
                list(delivery.properties().get(HubHeaders.RESOURCE_TYPES)),
                list(delivery.properties().get(HubHeaders.AGREEMENTS)),
                how));
        if (recorded) {
            metrics.delivered(how, delivery.acceptedAt(), now);
        }
        return recorded;
    }

    private static List<String> list(@Nullable String joined) {
        return joined == null
                ? List.of()
                : Arrays.stream(joined.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .distinct()
                        .toList();
    }
}
