package org.vanguard.hub.review;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One emergency override as an IG officer reviews it. */
public record OverrideReview(
        long id,
        Instant recordedAt,
        String messageId,
        String sender,
        String recipient,
        String purpose,
        String nhsNumber,
        String resourceType,
        String reasonCode,
        String reasonText,
        String requestedBy,
        String status,
        @Nullable String closedBy,
        @Nullable Instant closedAt,
        @Nullable String reviewNote,
        @Nullable String reviewOutcome) {}
