package org.vanguard.hub.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.vanguard.hub.HubIntegrationTest;

/** A participant required to sign (CH001 here) gets its message in only with a valid detached JWS. */
@TestPropertySource(properties = "hub.pki.require-signed-messages=CH001")
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class SignedIntakeIT extends HubIntegrationTest {

    private static final String HEADER = "X-Participant-Signature";
    private static final String INTAKE = "hub.intake.accepted";

    @Test
    @DisplayName(
            "no signature is 401, a signature over other bytes or by another participant's key or with alg none is 403, and nothing is queued")
    void refusals() throws Exception {
        byte[] body = demoMessage();
        long queuedBefore = messagesEverAddedTo(INTAKE);

        HttpResponse<String> unsigned = as("CH001").post("/fhir/$process-message", FHIR_JSON, body);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("OperationOutcome").contains(HEADER);

        byte[] other = Arrays.copyOf(body, body.length + 1);
        other[body.length] = ' ';
        HttpResponse<String> otherBytes =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, body, HEADER, es256(keyOf("CH001"), other));
        assertThat(otherBytes.statusCode()).isEqualTo(403);
        assertThat(otherBytes.body()).contains("OperationOutcome").contains("does not verify");

        HttpResponse<String> otherKey =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, body, HEADER, es256(keyOf("G81001"), body));
        assertThat(otherKey.statusCode()).isEqualTo(403);

        String none = new PlainHeader().toBase64URL() + "..";
        HttpResponse<String> algNone = as("CH001").post("/fhir/$process-message", FHIR_JSON, body, HEADER, none);
        assertThat(algNone.statusCode()).isEqualTo(403);
        assertThat(algNone.body()).contains("alg");

        HttpResponse<String> attached = as("CH001")
                .post(
                        "/fhir/$process-message",
                        FHIR_JSON,
                        body,
                        HEADER,
                        signed(keyOf("CH001"), body).serialize(false));
        assertThat(attached.statusCode()).isEqualTo(403);

        assertThat(messagesEverAddedTo(INTAKE)).isEqualTo(queuedBefore);
    }

    @Test
    @DisplayName("a valid ES256 detached JWS by the certificate's key over the exact body is accepted")
    void signedAccepted() throws Exception {
        byte[] body = demoMessage();

        HttpResponse<String> sent =
                as("CH001").post("/fhir/$process-message", FHIR_JSON, body, HEADER, es256(keyOf("CH001"), body));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        awaitDispatched();
    }

    private PrivateKey keyOf(String ods) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("pki/participants/" + ods + ".p12"))) {
            keyStore.load(in, "demo".toCharArray());
        }
        return (PrivateKey) keyStore.getKey("participant", "demo".toCharArray());
    }

    private static String es256(PrivateKey key, byte[] payload) throws Exception {
        return signed(key, payload).serialize(true);
    }

    private static JWSObject signed(PrivateKey key, byte[] payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(payload));
        jws.sign(new ECDSASigner((ECPrivateKey) key));
        return jws;
    }
}
