package org.vanguard.hub.secrets;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.vanguard.hub.HubApplication;

class DemoSecretsGuardTests {

    @Test
    @DisplayName(
            "the hub itself refuses to start in a production profile with the demo's CA password, naming it and how to set it")
    void productionStartWithDemoSecretRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> new SpringApplicationBuilder(HubApplication.class)
                        .profiles("production")
                        .properties(
                                "hub.pki.ca-password=demo",
                                "hub.pki.participant-password=Kx9-long-and-random",
                                "hub.data-dir=target/never-written")
                        .run())
                .withMessageContaining("hub.pki.ca-password is a demo value")
                .withMessageContaining("HUB_PKI_CAPASSWORD");
    }

    @Test
    @DisplayName("outside the demo profile every secret must be set; a demo bootstrap password is refused too")
    void missingAndDemoSecretsNamed() {
        StandardEnvironment production =
                environment("production", Map.of("hub.security.bootstrap-admin.password", "demo"));

        assertThatIllegalStateException()
                .isThrownBy(() -> DemoSecretsGuard.check(production))
                .withMessageContaining("hub.pki.ca-password is not set")
                .withMessageContaining("hub.pki.participant-password is not set")
                .withMessageContaining("hub.security.bootstrap-admin.password is a demo value");
    }

    @Test
    @DisplayName("the demo profile keeps its demo secrets, and real secrets start anywhere")
    void demoAndRealSecretsStart() {
        assertThatCode(() -> DemoSecretsGuard.check(environment(
                        "demo", Map.of("hub.pki.ca-password", "demo", "hub.pki.participant-password", "demo"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> DemoSecretsGuard.check(environment(
                        "production",
                        Map.of(
                                "hub.pki.ca-password",
                                "V7#long-random",
                                "hub.pki.participant-password",
                                "Q2!another-long-one"))))
                .doesNotThrowAnyException();
    }

    private static StandardEnvironment environment(String profile, Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.setActiveProfiles(profile);
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
