package org.vanguard.hub.security;

import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A denied authorization that says why, in words the caller can act on ("this endpoint needs the role IG officer;
 * user:olive holds operator"), so the 403 OperationOutcome names what is missing rather than only "access denied".
 */
public final class Refusal extends AuthorizationDecision {

    private final String reason;

    public Refusal(String reason) {
        super(false);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "Refusal[" + reason + "]";
    }
}
