package org.vanguard.hub.people;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.Role;

/**
 * Creates and deletes local accounts, each change recorded in the audit chain in the same transaction
 * ({@link AdminAudit}), so an account nobody can account for cannot exist. The audit names the account and its
 * roles, never the password or its hash.
 */
@Service
public class AccountAdministration {

    private final JdbcUserAccounts accounts;
    private final PasswordHashing hashing;
    private final AdminAudit audit;
    private final Clock clock;
    private final ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions;

    public AccountAdministration(
            JdbcUserAccounts accounts,
            PasswordHashing hashing,
            AdminAudit audit,
            Clock clock,
            ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.hashing = hashing;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an enabled account; empty if the username is taken (nothing changed, nothing audited: there was no change). The caller
     * has checked the password against {@link PasswordPolicy}.
     */
    public Optional<UserAccount> create(
            String username, String password, Set<Role> roles, Optional<OdsCode> mdt, String by) {
        if (accounts.find(username).isPresent()) {
            return Optional.empty();
        }
        String hash = hashing.hash(password);
        Instant now = clock.instant();
        UserAccount account = new UserAccount(username, roles, mdt, true, now, by, now);
        try {
            return Optional.of(audit.change(
                    () -> {
                        accounts.create(account, hash);
                        return account;
                    },
                    created -> audit.by(
                            by,
                            "user.create",
                            "created account " + username + " with roles " + describe(roles)
                                    + mdt.map(m -> " for MDT " + m.value()).orElse(""))));
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    /** Deletes the account; false if there is none. */
    public boolean delete(String username, String by) {
        if (accounts.find(username).isEmpty()) {
            return false;
        }
        boolean deleted = audit.change(
                () -> accounts.delete(username), done -> audit.by(by, "user.delete", "deleted account " + username));
        // Its console sessions end with it (they are kept in the database, and would outlive a restart).
        sessions.ifAvailable(repository ->
                repository.findByPrincipalName("user:" + username).keySet().forEach(repository::deleteById));
        return deleted;
    }

    static String describe(Set<Role> roles) {
        return roles.stream().sorted().map(Role::code).collect(Collectors.joining(", "));
    }
}
