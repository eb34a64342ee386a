package org.vanguard.hub.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.audit.Receipts;
import org.vanguard.routes.delivery.DeliveryLedger;
import org.vanguard.routes.delivery.WaitingDelivery;

/**
 * What each recipient already has, and every delivery's history after dispatch, on the database. Every entry in the
 * ledger is a receipt by the recipient, audited first: if the ledger write then fails, the push or acknowledgement is
 * tried again and the receipt, being idempotent, is not recorded twice.
 */
@Repository
public class JdbcDeliveryLedger implements DeliveryLedger {

    private static final int DETAIL = 4000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Receipts receipts;
    private final TransactionTemplate savepoint;

    public JdbcDeliveryLedger(
            JdbcTemplate jdbc, Clock clock, Receipts receipts, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.receipts = receipts;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public boolean delivered(String deliveryId) {
        Integer found = jdbc.queryForObject(
                "select count(*) from delivered_delivery where delivery_id = ?", Integer.class, deliveryId);
        return found != null && found > 0;
    }

    @Override
    public boolean record(WaitingDelivery delivery, String how) {
        receipts.received(delivery, how);
        try {
            // Under a savepoint: in a caller's transaction (AMQP receipts are recorded in batches) PostgreSQL lets the
            // transaction go on after a duplicate only once the failed insert is rolled back to a savepoint.
            return Boolean.TRUE.equals(savepoint.execute(status -> jdbc.update(
                            "insert into delivered_delivery (delivery_id, recipient_ods, how, delivered_at) values (?, ?, ?, ?)",
                            delivery.deliveryId(),
                            delivery.recipient().value(),
                            how,
                            Timestamp.from(clock.instant()))
                    > 0));
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    @Override
    public void note(String deliveryId, String hubMessageId, OdsCode recipient, String kind, String detail) {
        String text = detail == null ? "" : detail.length() > DETAIL ? detail.substring(0, DETAIL) : detail;
        jdbc.update(
                "insert into delivery_event (recorded_at, delivery_id, message_id, recipient_ods, kind, detail)"
                        + " values (?, ?, ?, ?, ?, ?)",
                Timestamp.from(clock.instant()),
                deliveryId,
                hubMessageId,
                recipient.value(),
                kind,
                text);
    }

    /** A delivery's history, oldest first. */
    public List<Map<String, Object>> history(String deliveryId) {
        return jdbc.queryForList(
                "select recorded_at, kind, detail from delivery_event where delivery_id = ? order by id", deliveryId);
    }
}
