package org.vanguard.hub.people;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.vanguard.hub.web.Role;

/**
 * Local accounts: how many wrong passwords in a row lock an account and for how long, and the account made on
 * first start when none exists. The bootstrap account is made only when both its username and password are
 * configured (e.g. {@code HUB_SECURITY_BOOTSTRAPADMIN_PASSWORD} in the environment); the code holds no default.
 *
 * @param maxFailedSignIns wrong passwords in a row that lock the account
 * @param lockout how long a locked account refuses every sign-in, the right password included
 * @param bootstrapAdmin the first account, or blank for none
 */
@Validated
@ConfigurationProperties("hub.security")
public record PeopleProperties(
        @Min(1) int maxFailedSignIns, @NotNull Duration lockout, BootstrapAdmin bootstrapAdmin) {

    public PeopleProperties {
        bootstrapAdmin = bootstrapAdmin == null ? new BootstrapAdmin(null, null, List.of()) : bootstrapAdmin;
    }

    /** @param roles role codes, {@code ig-officer} when none are given */
    public record BootstrapAdmin(
            @Nullable String username, @Nullable String password, List<String> roles) {

        public BootstrapAdmin {
            roles = roles == null || roles.isEmpty() ? List.of(Role.IG_OFFICER.code()) : List.copyOf(roles);
        }

        public boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }
    }
}
