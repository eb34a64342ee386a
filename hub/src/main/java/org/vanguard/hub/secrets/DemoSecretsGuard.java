package org.vanguard.hub.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * Refuses to start the hub outside the {@code demo} profile with a secret that is missing, empty or one of the demo's
 * well-known values: the keys those passwords encrypt (the CA key above all) would be as good as unprotected. Runs as
 * soon as the environment is ready, before any key is loaded or made, and names each secret and how to set it.
 */
public class DemoSecretsGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    /** The hub's secrets: each must be set, and not to a demo value, outside the demo profile. */
    static final List<String> SECRETS = List.of("hub.pki.ca-password", "hub.pki.participant-password");
    /** Secrets that may be left unset, but not set to a demo value. */
    static final List<String> OPTIONAL_SECRETS = List.of("hub.security.bootstrap-admin.password");

    static final Set<String> DEMO_VALUES = Set.of("demo", "changeit", "password", "secret");

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment environment) {
        if (environment.acceptsProfiles(Profiles.of("demo"))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String name : SECRETS) {
            String value = environment.getProperty(name);
            if (value == null || value.isBlank()) {
                problems.add(name + " is not set");
            } else if (DEMO_VALUES.contains(value.toLowerCase(Locale.ROOT))) {
                problems.add(name + " is a demo value");
            }
        }
        for (String name : OPTIONAL_SECRETS) {
            String value = environment.getProperty(name);
            if (value != null && DEMO_VALUES.contains(value.toLowerCase(Locale.ROOT))) {
                problems.add(name + " is a demo value");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "The hub will not start outside the demo profile with demo or missing secrets: "
                            + String.join("; ", problems) + ". Set them from the environment (e.g. HUB_PKI_CAPASSWORD, "
                            + "HUB_PKI_PARTICIPANTPASSWORD) or a secrets directory (spring.config.import=configtree:/run/secrets/), "
                            + "or run the embedded demo with the demo profile (the default when no profile is active).");
        }
    }
}
