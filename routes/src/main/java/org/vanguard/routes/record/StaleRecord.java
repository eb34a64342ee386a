package org.vanguard.routes.record;

/**
 * An offered version refused because the hub holds a newer one, or the same version with different
 * content; {@code location} is the FHIRPath of the meta element in the sender's message that shows it.
 */
public record StaleRecord(SharedRecord offered, SharedRecord held, String location) {

    /** The refusal in words, for the sender and the audit. */
    public String explain() {
        RecordVersion.Order order = offered.version().against(held.version());
        String what = order == RecordVersion.Order.SAME
                ? "the same version as the one the hub already holds, but with different content"
                : "an older version than the one the hub already holds";
        return offered.key().describe() + " (" + offered.version().describe() + ") is " + what + " ("
                + held.version().describe() + ", from message " + held.hubMessageId()
                + "); it is not forwarded: send a newer version";
    }
}
