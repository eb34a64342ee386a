package org.vanguard.routes.intake;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bound on work accepted but not yet dispatched. Past it the hub refuses new messages, with
 * {@code Retry-After}, rather than tell a sender "accepted" for work that would take minutes, and lets
 * neither memory nor the journal grow without limit. Nothing already accepted is affected.
 *
 * @param maxDepth messages waiting for dispatch beyond which every new message is refused (503)
 * @param maxAge age of the oldest waiting message beyond which every new message is refused (503)
 * @param fairShareFrom the fraction of {@code maxDepth} from which each sender is held to its share (429): the bound
 *     divided among the senders that have messages waiting, so one sender that keeps pushing cannot starve the others
 * @param retryAfter what {@code Retry-After} tells a refused sender
 * @param sampleEvery how long one reading of the backlog serves before the broker is asked again
 * @param shareSampleEvery how long one count of each sender's waiting messages serves (asked of the database, and only
 *     while senders are held to their share); what this node accepts meanwhile is added to it
 */
@Validated
@ConfigurationProperties("hub.intake.admission")
public record AdmissionProperties(
        @Min(1) @DefaultValue("20000") long maxDepth,
        @NotNull @DefaultValue("PT2M") Duration maxAge,

        @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5")
        double fairShareFrom,

        @NotNull @DefaultValue("PT5S") Duration retryAfter,
        @NotNull @DefaultValue("PT0.1S") Duration sampleEvery,
        @NotNull @DefaultValue("PT1S") Duration shareSampleEvery) {}
