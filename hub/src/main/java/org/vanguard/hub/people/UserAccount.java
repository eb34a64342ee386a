package org.vanguard.hub.people;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.web.Role;

/**
 * A local account as the admin API shows it. It has no password field on purpose: the hash never leaves
 * {@link JdbcUserAccounts}, so no response or log line can carry it.
 *
 * @param mdt the MDT a member belongs to; present exactly when {@code roles} holds {@link Role#MDT_MEMBER}
 */
public record UserAccount(
        String username,
        Set<Role> roles,
        Optional<OdsCode> mdt,
        boolean enabled,
        Instant createdAt,
        String createdBy,
        Instant updatedAt) {

    public UserAccount {
        Objects.requireNonNull(username, "username");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(mdt, "mdt");
    }
}
