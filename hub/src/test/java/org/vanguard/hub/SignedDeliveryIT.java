package org.vanguard.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Deliveries are signed by the hub; recipients verify them with the published keys, across a key rotation. */
class SignedDeliveryIT extends HubIntegrationTest {

    @Test
    @DisplayName("a delivered bundle verifies against the hub's published key, a changed byte does not, and rotation keeps old deliveries verifiable")
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
        String newSignature = gp.get("/mailbox/messages/" + second).headers().firstValue("X-Hub-Signature").orElseThrow();

        assertThat(kid(newSignature)).isNotEqualTo(kid(signature)).isEqualTo(JsonPath.read(rotated.body(), "$.signingKey"));
        assertThat(jwks()).hasSize(2);
        assertThat(verifies(signature, body, jwks())).as("a delivery signed before the rotation still verifies").isTrue();
        assertThat(as("CH001").post("/admin/signing-keys/rotate", "application/json", new byte[0]).statusCode())
                .as("participants cannot rotate the hub's key").isEqualTo(403);
    }

    private String deliver(String nhs) throws Exception {
        byte[] message = new String(demoMessage(), StandardCharsets.UTF_8).replace("9434765919", nhs)
                .replace("6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01", java.util.UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8);
        String messageId = JsonPath.read(as("CH001").post("/fhir/$process-message", FHIR_JSON, message).body(), "$.identifier.value");
        await().atMost(Duration.ofSeconds(30)).until(() -> !deliveriesOf(messageId).isEmpty());
        return deliveriesOf(messageId).get(0);
    }

    private List<String> deliveriesOf(String messageId) throws Exception {
        return JsonPath.read(as("G81001").get("/mailbox/messages").body(), "$.messages[?(@.messageId == '" + messageId + "')].id");
    }

    private List<Map<String, String>> jwks() throws Exception {
        return JsonPath.read(as("RAC").get("/.well-known/jwks.json").body(), "$.keys");
    }

    private static String kid(String jws) {
        String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))), StandardCharsets.UTF_8);
        return JsonPath.read(header, "$.kid");
    }

    /** RFC 7515 Appendix F: the detached payload goes back between the dots, base64url-encoded, before verifying. */
    static boolean verifies(String jws, byte[] payload, List<Map<String, String>> keys) {
        String[] parts = jws.split("\\.", -1);
        String kid = kid(jws);
        Map<String, String> key = keys.stream().filter(k -> kid.equals(k.get("kid"))).findFirst().orElseThrow();
        assertThat(key).containsEntry("kty", "OKP").containsEntry("crv", "Ed25519").containsEntry("alg", "EdDSA");
        byte[] input = (parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)).getBytes(StandardCharsets.US_ASCII);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(Base64.getUrlDecoder().decode(key.get("x"))));
        verifier.update(input, 0, input.length);
        return verifier.verifySignature(Base64.getUrlDecoder().decode(parts[2]));
    }
}
