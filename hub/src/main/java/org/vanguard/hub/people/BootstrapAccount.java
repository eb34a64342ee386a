package org.vanguard.hub.people;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.vanguard.hub.web.Role;

/**
 * Makes the configured first account at start if it does not exist yet, so someone can sign in and create the
 * others. An existing account of that name is left alone (its password is never reset from configuration).
 * Nothing is made when no password is configured: the code has no default password.
 */
@Component
public class BootstrapAccount implements ApplicationRunner {

    /** Who the audit says made the bootstrap account. */
    static final String BY = "hub (hub.security.bootstrap-admin)";

    private static final Logger log = LoggerFactory.getLogger(BootstrapAccount.class);

    private final PeopleProperties properties;
    private final AccountAdministration administration;

    public BootstrapAccount(PeopleProperties properties, AccountAdministration administration) {
        this.properties = properties;
        this.administration = administration;
    }

    @Override
    public void run(ApplicationArguments args) {
        PeopleProperties.BootstrapAdmin admin = properties.bootstrapAdmin();
        if (!admin.configured()) {
            return;
        }
        String username = Objects.requireNonNull(admin.username(), "configured");
        String password = Objects.requireNonNull(admin.password(), "configured");
        PasswordPolicy.problem(username, password).ifPresent(problem -> {
            throw new IllegalStateException("hub.security.bootstrap-admin.password: " + problem);
        });
        Set<Role> roles = EnumSet.noneOf(Role.class);
        admin.roles().forEach(code -> roles.add(Role.fromCode(code)));
        if (roles.contains(Role.MDT_MEMBER)) {
            throw new IllegalStateException(
                    "hub.security.bootstrap-admin.roles: the first account administers accounts; "
                            + "make MDT members through /admin/users");
        }
        administration
                .create(username, password, roles, Optional.empty(), BY)
                .ifPresent(made -> log.info(
                        "Created the bootstrap account {} with roles {}",
                        made.username(),
                        AccountAdministration.describe(made.roles())));
    }
}
