package org.vanguard.hub.pki;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's certificate authority and the certificates it issues on first start; participants
 * authenticate with these, so the certificate, not the message, says who is speaking.
 *
 * @param directory where {@code ca.p12}, {@code ca.pem}, {@code server.p12} and {@code participants/} live
 * @param caPassword protects the CA key and the server keystore
 * @param participantPassword protects each participant's and officer's {@code .p12}
 * @param serverDnsNames names the server certificate answers to
 * @param serverIpAddresses addresses the server certificate answers to
 * @param participantValidity how long an issued client certificate lasts
 */
@Validated
@ConfigurationProperties("hub.pki")
public record PkiProperties(
        @NotNull Path directory,
        @NotBlank String caPassword,
        @NotBlank String participantPassword,
        @NotEmpty List<String> serverDnsNames,
        List<String> serverIpAddresses,
        @NotNull Duration participantValidity) {

    public PkiProperties {
        serverIpAddresses = serverIpAddresses == null ? List.of() : List.copyOf(serverIpAddresses);
    }

    public Path participantsDirectory() {
        return directory.resolve("participants");
    }

    public Path officersDirectory() {
        return directory.resolve("officers");
    }
}
