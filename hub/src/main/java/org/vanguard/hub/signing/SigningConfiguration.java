package org.vanguard.hub.signing;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.vanguard.hub.pki.PkiProperties;

/** The delivery signing keys live beside the hub's CA, under {@code <pki>/signing}; the first start makes one. */
@Configuration(proxyBeanMethods = false)
public class SigningConfiguration {

    @Bean
    SigningKeyRing signingKeyRing(PkiProperties pki, Clock clock) {
        return new SigningKeyRing(pki.directory().resolve("signing"), clock);
    }
}
