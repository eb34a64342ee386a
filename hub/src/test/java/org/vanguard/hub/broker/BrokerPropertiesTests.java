package org.vanguard.hub.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

/** The broker's settings as a deployment gives them: bound and checked at start, as the hub binds them. */
class BrokerPropertiesTests {

    @EnableConfigurationProperties(BrokerProperties.class)
    static class Binding {}

    private static final Map<String, String> REQUIRED = Map.of(
            "hub.broker.journal-buffer-timeout", "100us",
            "hub.broker.max-delivery-attempts", "10",
            "hub.broker.redelivery-delay", "1s",
            "hub.broker.amqp-host", "127.0.0.1",
            "hub.broker.amqp-port", "5671",
            "hub.broker.global-max-size", "64MB");

    private static ApplicationContextRunner with(String... more) {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Binding.class);
        for (var entry : REQUIRED.entrySet()) {
            runner = runner.withPropertyValues(entry.getKey() + "=" + entry.getValue());
        }
        return runner.withPropertyValues(more);
    }

    @Test
    @DisplayName("the revocation sweep runs every 2 s unless set, and cannot be set to 0 or below")
    void revocationSweepInterval() {
        with().run(context -> assertThat(context.getBean(BrokerProperties.class).revocationSweepInterval())
                .hasSeconds(2));
        with("hub.broker.revocation-sweep-interval=500ms")
                .run(context -> assertThat(context.getBean(BrokerProperties.class)
                                .revocationSweepInterval()
                                .toMillis())
                        .isEqualTo(500));
        for (String refused : new String[] {"0s", "-1s", "10ms"}) {
            with("hub.broker.revocation-sweep-interval=" + refused)
                    .run(context -> assertThatThrownBy(() -> context.getBean(BrokerProperties.class))
                            .as(refused)
                            .rootCause()
                            .hasMessageContaining("revocationSweepIntervalValid")
                            .hasMessageContaining("must be at least 100 ms"));
        }
    }
}
