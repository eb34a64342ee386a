package org.vanguard.hub.monitoring;

import java.time.Instant;

/**
 * An alert: which rule fired, about whom, over which window, and the explanation an IG officer reads.
 *
 * @param rule the rule's name, a sentence in camel case ({@code VolumeFarAboveOwnBaseline})
 */
public record AccessAlert(String rule, String who, Instant windowStart, Instant windowEnd, String explanation) {}
