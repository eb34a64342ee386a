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
 * @param importIssuingKeystore on first start, a PKCS#12 file (password {@code caPassword}) holding an issuing
 *     CA's key and its chain up to the root, used instead of generating a CA; unset to generate one
 * @param expiryWarning how far ahead a certificate's expiry is warned about (log at start and daily); P30D if unset
 * @param crlValidity the CRL's nextUpdate distance; it is rewritten at start and on every revocation; P7D if unset
 * @param requireSignedMessages ODS codes of participants whose messages must carry a valid
 *     {@code X-Participant-Signature} (detached JWS by their client certificate's key); empty by default
 */
@Validated
@ConfigurationProperties("hub.pki")
public record PkiProperties(
        @NotNull Path directory,
        @NotBlank String caPassword,
        @NotBlank String participantPassword,
        @NotEmpty List<String> serverDnsNames,
        List<String> serverIpAddresses,
        @NotNull Duration participantValidity,
        Path importIssuingKeystore,
        Duration expiryWarning,
        Duration crlValidity,
        List<String> requireSignedMessages) {

    public PkiProperties {
        expiryWarning = expiryWarning == null ? Duration.ofDays(30) : expiryWarning;
        crlValidity = crlValidity == null ? Duration.ofDays(7) : crlValidity;
        requireSignedMessages = requireSignedMessages == null ? List.of() : List.copyOf(requireSignedMessages);
        serverIpAddresses = serverIpAddresses == null ? List.of() : List.copyOf(serverIpAddresses);
    }

    public Path participantsDirectory() {
        return directory.resolve("participants");
    }

    public Path officersDirectory() {
        return directory.resolve("officers");
    }
}
