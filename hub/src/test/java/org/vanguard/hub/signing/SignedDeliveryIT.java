package org.vanguard.hub.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.hub.HubClient;
import org.vanguard.hub.HubIntegrationTest;

/** Deliveries are signed by the hub; recipients verify them with the published keys, across a key rotation. */
public class SignedDeliveryIT extends HubIntegrationTest {

    @Test
    @DisplayName(
            "a delivered bundle verifies against the hub's published key, a changed byte does not, and rotation keeps old deliveries verifiable")
    void signedDeliveries() throws Exception {
        HubClient gp = as("G81001");
        String first = deliver("9434765110");
        HttpResponse<String> delivery = gp.get("/mailbox/messages/" + first);
        String signature = delivery.headers().firstValue("X-Hub-Signature").orElseThrow();
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);

        assertThat(verifies(signature, body, jwks())).isTrue();
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 1;
        assertThat(verifies(signature, tampered, jwks())).isFalse();

        HttpResponse<String> rotated = asOfficer().post("/admin/signing-keys/rotate", "application/json", new byte[0]);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = deliver("9434765129");
        String newSignature = gp.get("/mailbox/messages/" + second)
                .headers()
                .firstValue("X-Hub-Signature")
                .orElseThrow();

        assertThat(kid(newSignature))
                .isNotEqualTo(kid(signature))
                .isEqualTo(JsonPath.read(rotated.body(), "$.signingKey"));
        assertThat(jwks()).hasSize(2);
        assertThat(verifies(signature, body, jwks()))
                .as("a delivery signed before the rotation still verifies")
                .isTrue();
        assertThat(as("CH001")
                        .post("/admin/signing-keys/rotate", "application/json", new byte[0])
                        .statusCode())
                .as("participants cannot rotate the hub's key")
                .isEqualTo(403);
    }

    private String deliver(String nhs) throws Exception {
        byte[] message = new String(demoMessage(), StandardCharsets.UTF_8)
                .replace("9434765919", nhs)
                .replace(
                        "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                        java.util.UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
        String messageId = JsonPath.read(
                as("CH001").post("/fhir/$process-message", FHIR_JSON, message).body(), "$.identifier.value");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !deliveriesOf(messageId).isEmpty());
        return deliveriesOf(messageId).get(0);
    }

    private List<String> deliveriesOf(String messageId) throws Exception {
        return JsonPath.read(
                as("G81001").get("/mailbox/messages").body(), "$.messages[?(@.messageId == '" + messageId + "')].id");
    }

    private List<Map<String, String>> jwks() throws Exception {
        return JsonPath.read(as("RAC").get("/.well-known/jwks.json").body(), "$.keys");
    }

    private static String kid(String jws) throws Exception {
        return JWSObject.parse(jws, new Payload(new byte[0])).getHeader().getKeyID();
    }

    /**
     * What a recipient does, with a JOSE library: the detached payload goes back into the JWS (RFC 7515
     * Appendix F), and the signature is checked with the published key its {@code kid} names.
     */
    public static boolean verifies(String jws, byte[] payload, List<Map<String, String>> keys) throws Exception {
        JWSObject signed = JWSObject.parse(jws, new Payload(payload));
        String kid = signed.getHeader().getKeyID();
        Map<String, String> key =
                keys.stream().filter(k -> kid.equals(k.get("kid"))).findFirst().orElseThrow();
        assertThat(key)
                .containsEntry("kty", "OKP")
                .containsEntry("crv", "Ed25519")
                .containsEntry("alg", "EdDSA")
                .doesNotContainKey("d");
        OctetKeyPair published = JWK.parse(Map.<String, Object>copyOf(key)).toOctetKeyPair();
        return signed.verify(new Ed25519Verifier(published));
    }
}
