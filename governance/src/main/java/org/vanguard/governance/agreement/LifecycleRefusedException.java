package org.vanguard.governance.agreement;

/**
 * A lifecycle change an IG officer asked for that the agreement's state or the request does not allow, such as
 * resuming a terminated agreement or approving for an organisation that is not a party. It is the caller's
 * mistake, never the hub's, and says what is wrong and where.
 */
public final class LifecycleRefusedException extends RuntimeException {

    /** Whether the request itself is wrong, or it is right but the agreement's state does not allow it now. */
    public enum Kind {
        INVALID_REQUEST,
        CONFLICT
    }

    private final Kind kind;
    private final String location;

    public LifecycleRefusedException(Kind kind, String location, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.location = location;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field or agreement element the refusal is about, e.g. {@code party} or {@code status}. */
    public String location() {
        return location;
    }
}
