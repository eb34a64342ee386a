package org.vanguard.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vanguard.hub.HubIntegrationTest;

/**
 * Checkpoints anchored outside the database, with a real RFC 3161 time-stamping authority started in the test (Bouncy
 * Castle's TSP, its own key and certificate): each checkpoint lands in the append-only anchor file with a token over
 * its payload; then, as someone with database access would, a checkpoint is rewritten, a checkpoint is removed, and the
 * chain's tail is cut after the last checkpoint, and verification names each.
 */
// A configuration of its own: a hub no other class shares, closed once this class is done.
@DirtiesContext
class AuditAnchorIT extends HubIntegrationTest {

    private static final AtomicLong TOKENS = new AtomicLong();
    private static final HttpServer TSA = startTsa();

    @Autowired
    AuditAnchors anchors;

    @DynamicPropertySource
    static void timeStampingAuthority(DynamicPropertyRegistry registry) {
        registry.add(
                "hub.audit.anchor.tsa-url",
                () -> "http://127.0.0.1:" + TSA.getAddress().getPort() + "/tsa");
        registry.add("hub.audit.checkpoint-interval", () -> "PT1H");
    }

    @AfterAll
    static void stopTsa() {
        TSA.stop(0);
    }

    @Test
    @DisplayName(
            "every checkpoint is anchored with a time-stamp; a rewritten checkpoint, a removed one and a cut tail are each named")
    void anchoredCheckpointsNameEachTamper() throws Exception {
        assertThat(as("CH001")
                        .post("/fhir/$process-message", FHIR_JSON, demoMessage())
                        .statusCode())
                .isEqualTo(200);
        awaitDispatched();
        long first = checkpoint();
        assertThat(as("CH001")
                        .post("/fhir/$process-message", FHIR_JSON, GovernanceFlowMessages.another())
                        .statusCode())
                .isEqualTo(200);
        awaitDispatched();
        long second = checkpoint();

        List<AuditAnchors.Anchor> anchored = anchors.all();
        assertThat(anchored).extracting(AuditAnchors.Anchor::id).containsExactly(first, second);
        assertThat(anchored).allSatisfy(anchor -> {
            assertThat(anchor.timeStampToken()).as("countersigned by the TSA").isNotBlank();
            assertThat(AuditAnchors.tokenProblem(anchor)).isEmpty();
        });
        assertThat(TOKENS.get()).isEqualTo(2);
        assertThat(verify()).containsEntry("intact", true);

        Map<String, Object> row = jdbc.queryForMap("select * from audit_checkpoint where id = ?", first);
        jdbc.update(
                "update audit_checkpoint set signed_at = ? where id = ?",
                java.sql.Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)),
                first);
        assertThat(problems())
                .anySatisfy(p -> assertThat(p).contains("checkpoint " + first).contains("rewritten in the database"));
        jdbc.update("update audit_checkpoint set signed_at = ? where id = ?", row.get("signed_at"), first);
        assertThat(verify()).containsEntry("intact", true);

        jdbc.update("delete from audit_checkpoint where id = ?", second);
        assertThat(problems())
                .anySatisfy(p -> assertThat(p).contains("checkpoint " + second).contains("removed from the database"));

        long secondSeq = anchored.get(1).seq();
        long firstSeq = anchored.get(0).seq();
        jdbc.update("delete from audit_decision where seq > ?", firstSeq);
        jdbc.update(
                "update audit_chain_head set last_seq = ?, last_hash = (select row_hash from audit_decision where seq = ?)",
                firstSeq,
                firstSeq);
        assertThat(problems())
                .anySatisfy(p -> assertThat(p)
                        .contains("the tail was cut: the chain ends at record " + firstSeq)
                        .contains("covers record " + secondSeq));
    }

    private long checkpoint() throws Exception {
        var made = asOfficer().post("/admin/audit/checkpoints", null, new byte[0]);
        assertThat(made.statusCode()).isEqualTo(201);
        return ((Number) JsonPath.read(made.body(), "$.id")).longValue();
    }

    private Map<String, Object> verify() throws Exception {
        return JsonPath.read(asOfficer().get("/admin/audit/verify").body(), "$");
    }

    private List<String> problems() throws Exception {
        assertThat(verify()).containsEntry("intact", false);
        return JsonPath.read(asOfficer().get("/admin/audit/verify").body(), "$.breaks[*].problem");
    }

    /** A time-stamping authority on loopback: RFC 3161 over HTTP, with a key and certificate of its own. */
    private static HttpServer startTsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Test Time-Stamping Authority");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    new Date(System.currentTimeMillis() - 60_000),
                    new Date(System.currentTimeMillis() + 86_400_000L),
                    name,
                    keys.getPublic());
            builder.addExtension(
                    Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.getPrivate(), certificate),
                    new JcaDigestCalculatorProviderBuilder()
                            .build()
                            .get(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1)),
                    new ASN1ObjectIdentifier("1.2.826.0.1.1"));
            tokens.addCertificates(new JcaCertStore(List.of(certificate)));
            TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/tsa", exchange -> {
                try (exchange) {
                    TimeStampRequest request =
                            new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                    byte[] answer = responses
                            .generate(request, BigInteger.valueOf(TOKENS.incrementAndGet()), new Date())
                            .getEncoded();
                    exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                }
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test time-stamping authority", e);
        }
    }

    /** A second demo message (its own message id) about another patient. */
    private static final class GovernanceFlowMessages {
        static byte[] another() throws Exception {
            return new String(demoMessage(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace(
                            "6f1c2a34-8d4e-4b0a-9c1e-2f7a5b3d9e01",
                            java.util.UUID.randomUUID().toString())
                    .replace("9434765919", "9434765870")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
