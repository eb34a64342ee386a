package org.vanguard.hub.web;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;

/**
 * A person calling the admin API: an IG officer by their client certificate, or a local account signed in with
 * HTTP Basic over the same mutual-TLS connection. {@code subject} is who the audit says made a change.
 *
 * @param subject the certificate subject, or {@code user:<username>} for an account
 * @param mdt an MDT member's team
 */
public record AuthenticatedOfficer(String subject, Set<Role> roles, Optional<OdsCode> mdt) {

    public AuthenticatedOfficer {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(mdt, "mdt");
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }
}
