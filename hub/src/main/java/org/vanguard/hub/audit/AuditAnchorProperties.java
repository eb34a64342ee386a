package org.vanguard.hub.audit;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the audit's signed checkpoints are anchored outside the database, so that someone who controls the database
 * can neither cut the chain's tail nor remove or rewrite a checkpoint unnoticed.
 *
 * @param anchorFile an append-only file that receives a copy of every checkpoint as it commits; in production on
 *     another volume or host than the database (write-once storage, a log shipper)
 * @param tsaUrl an RFC 3161 time-stamping authority that countersigns every checkpoint; none by default
 * @param tsaTimeout how long a time-stamp request may take before the checkpoint is anchored without one
 */
@Validated
@ConfigurationProperties("hub.audit.anchor")
public record AuditAnchorProperties(
        @NotBlank String anchorFile,
        Optional<URI> tsaUrl,
        @DefaultValue("PT10S") Duration tsaTimeout) {}
