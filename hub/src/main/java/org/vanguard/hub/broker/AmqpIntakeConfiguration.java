package org.vanguard.hub.broker;

import jakarta.jms.ConnectionFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.connection.JmsTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.delivery.AmqpReceiptRoute;
import org.vanguard.routes.delivery.DeliveryLedger;
import org.vanguard.routes.dispatch.GroupedTransactions;
import org.vanguard.routes.intake.AmqpIntake;
import org.vanguard.routes.intake.AmqpIntakeRoute;
import org.vanguard.routes.intake.IntakeGateway;

/**
 * The routes of participants on AMQP, present only when they can reach the broker over AMQP: the AMQP intake, and the
 * receipts of what they acknowledge over AMQP ({@link AmqpReceiptRoute}). The gateway runs
 * with the route's JMS transaction suspended (a transaction manager over the same connection factory as the
 * {@code jms} component, used only to suspend): it is deliberately not a bean, so that it never becomes the
 * application's transaction manager in place of the JDBC one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.broker.amqp-enabled", havingValue = "true")
public class AmqpIntakeConfiguration {

    @Bean
    AmqpIntakeRoute amqpIntakeRoute(
            IntakeGateway gateway, RouteProperties routes, ConnectionFactory connectionFactory) {
        TransactionTemplate outsideTransaction = new TransactionTemplate(new JmsTransactionManager(connectionFactory));
        outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return new AmqpIntakeRoute(new AmqpIntake(gateway, routes, outsideTransaction));
    }

    @Bean
    AmqpReceiptRoute amqpReceiptRoute(DeliveryLedger ledger, GroupedTransactions transactions) {
        return new AmqpReceiptRoute(ledger, transactions);
    }
}
