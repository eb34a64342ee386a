/**
 * What an operator scrapes from {@code /actuator/prometheus} on the management port: the hub's own counters and timers
 * (messages accepted and refused by reason, decisions by outcome, purpose and reason, deliveries by channel, delivery
 * latency, retries, dead letters, mailbox depth per participant, the audit writer's latency, validation time), every
 * one registered at start with each tag value it can take, so a dashboard never meets a series that appears only after
 * first use; and the wiring of Camel's and Artemis's own Micrometer support into the same registry.
 */
@ApplicationModule(displayName = "Metrics")
@NullMarked
package org.vanguard.hub.metrics;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
