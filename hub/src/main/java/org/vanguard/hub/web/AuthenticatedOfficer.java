package org.vanguard.hub.web;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.vanguard.governance.participant.OdsCode;

/**
 * A person calling the admin API: an IG officer by their client certificate, or a local account signed in with
 * HTTP Basic over the same mutual-TLS connection. {@code subject} is who the audit says made a change.
 *
 * @param subject the certificate subject, or {@code user:<username>} for an account
 * <p>Serializable, because a console session holds it and the sessions live in the database: it is written as
 * {@link Stored} ({@code Optional} is not serializable).
 *
 * @param mdt an MDT member's team
 */
public record AuthenticatedOfficer(String subject, Set<Role> roles, Optional<OdsCode> mdt)
        implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public AuthenticatedOfficer {
        Objects.requireNonNull(subject, "subject");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(mdt, "mdt");
    }

    /** Who Spring Security (and the stored console sessions, by principal name) say is signed in: the subject. */
    @Override
    public String getName() {
        return subject;
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }

    @Serial
    private Object writeReplace() {
        return new Stored(subject, roles, mdt.map(OdsCode::value).orElse(null));
    }

    /** How an officer is written into a session. */
    private record Stored(
            String subject, Set<Role> roles, @Nullable String mdt) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() {
            return new AuthenticatedOfficer(
                    subject, roles, Optional.ofNullable(mdt).map(OdsCode::of));
        }
    }
}
