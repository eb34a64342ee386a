package org.vanguard.hub.intake;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.hub.broker.BrokerQueues;
import org.vanguard.routes.RouteProperties;
import org.vanguard.routes.intake.AdmissionProperties;
import org.vanguard.routes.intake.IntakeAdmission;

/**
 * Builds the intake's admission over the broker's intake queue, and shows its state: gauges of the backlog
 * ({@code hub.intake.backlog.depth}, {@code hub.intake.backlog.age}), counters of refusals by reason
 * ({@code hub.intake.refused}), all registered at start, and a health entry {@code intakeAdmission} that says
 * whether the hub is accepting, holding senders to their share, or refusing new messages. Health stays UP while
 * refusing: the node works, it is only full, and a balancer should not take it out for that.
 */
@Configuration(proxyBeanMethods = false)
public class IntakeAdmissionConfiguration {

    @Bean
    IntakeAdmission intakeAdmission(
            BrokerQueues broker,
            JdbcIntakeKeys keys,
            RouteProperties routes,
            AdmissionProperties properties,
            Clock clock,
            MeterRegistry metrics) {
        IntakeAdmission admission =
                new IntakeAdmission(new ArtemisIntakeBacklog(broker, routes.intakeQueue(), keys), properties, clock);
        Gauge.builder("hub.intake.backlog.depth", admission, a -> a.state().depth())
                .description("messages accepted and waiting for dispatch")
                .register(metrics);
        Gauge.builder(
                        "hub.intake.backlog.age",
                        admission,
                        a -> a.state().oldestAge().toMillis() / 1000.0)
                .baseUnit("seconds")
                .description("age of the oldest message waiting for dispatch")
                .register(metrics);
        refused(metrics, admission, IntakeAdmission::refusedBusy, "busy", "at the intake bound (503)");
        refused(
                metrics,
                admission,
                IntakeAdmission::refusedOverShare,
                "over-share",
                "because their sender was over its share (429)");
        return admission;
    }

    @Bean
    IntakeConcurrency intakeConcurrency(IntakeConcurrencyProperties properties, MeterRegistry metrics) {
        IntakeConcurrency concurrency = new IntakeConcurrency(properties);
        Gauge.builder("hub.intake.concurrency.limit", concurrency, IntakeConcurrency::limit)
                .description("requests taken in over HTTPS at once before more are refused (adaptive)")
                .register(metrics);
        Gauge.builder("hub.intake.concurrency.inside", concurrency, IntakeConcurrency::inside)
                .description("requests being taken in over HTTPS now")
                .register(metrics);
        refused(
                metrics,
                concurrency,
                IntakeConcurrency::refusedAtLimit,
                "concurrency",
                "at the limit of requests taken in at once (503)");
        refused(
                metrics,
                concurrency,
                IntakeConcurrency::refusedOverShare,
                "concurrency-share",
                "because their sender had its share of that limit (429)");
        return concurrency;
    }

    /** One reason's count of {@code hub.intake.refused}. */
    private static <T> void refused(
            MeterRegistry metrics, T source, java.util.function.ToDoubleFunction<T> count, String reason, String why) {
        FunctionCounter.builder("hub.intake.refused", source, count)
                .tag("reason", reason)
                .description("messages refused " + why)
                .register(metrics);
    }

    @Bean
    HealthIndicator intakeAdmissionHealthIndicator(IntakeAdmission admission, AdmissionProperties properties) {
        return () -> {
            IntakeAdmission.State state = admission.state();
            String admitting = state.refusingAll()
                    ? "refusing new messages (503)"
                    : state.holdingToShare() ? "holding each sender to its share (429 past it)" : "accepting";
            return Health.up()
                    .withDetail("admission", admitting)
                    .withDetail("waiting", state.depth())
                    .withDetail("oldestSeconds", state.oldestAge().toSeconds())
                    .withDetail("sendersWaiting", state.sendersWaiting())
                    .withDetail("maxDepth", properties.maxDepth())
                    .withDetail("maxAge", properties.maxAge().toString())
                    .build();
        };
    }
}
