package org.vanguard.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies of the signed audit checkpoints outside the database: each checkpoint, once committed, is appended as one
 * JSON line to an append-only file (and forced to disk), with an RFC 3161 time-stamp token over its signed payload when
 * a time-stamping authority is configured (Bouncy Castle's TSP). Verification compares the database's checkpoints and
 * chain with these copies, so a cut tail, a removed checkpoint and a rewritten checkpoint are each named.
 */
@Service
public class AuditAnchors {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom NONCES = new SecureRandom();

    /** One anchored checkpoint, as appended. */
    public record Anchor(
            long id,
            long seq,
            String chainHash,
            Instant signedAt,
            String keyId,
            String signature,
            @Nullable String timeStampToken) {}

    private final Path file;
    private final AuditAnchorProperties properties;
    private final HttpClient http;

    public AuditAnchors(AuditAnchorProperties properties) {
        this.properties = properties;
        this.file = Path.of(properties.anchorFile());
        this.http =
                HttpClient.newBuilder().connectTimeout(properties.tsaTimeout()).build();
    }

    /** Appends the checkpoint, time-stamped when a TSA is configured; a TSA that fails leaves the anchor without a token. */
    public synchronized void anchor(AuditCheckpoints.Checkpoint checkpoint) {
        String token =
                properties.tsaUrl().flatMap(url -> timeStamp(url, checkpoint)).orElse(null);
        Anchor anchor = new Anchor(
                checkpoint.id(),
                checkpoint.seq(),
                checkpoint.chainHash(),
                checkpoint.signedAt(),
                checkpoint.keyId(),
                checkpoint.signature(),
                token);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel out = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(java.nio.ByteBuffer.wrap(
                        (JSON.writeValueAsString(anchor) + "\n").getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot anchor audit checkpoint " + checkpoint.id() + " in " + file, e);
        }
    }

    /** Every anchored checkpoint, in the order appended. */
    public List<Anchor> all() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Anchor> anchors = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    anchors.add(JSON.readValue(line, Anchor.class));
                }
            }
            return anchors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit anchors in " + file, e);
        }
    }

    /** Whether the anchor's time-stamp token, if any, is over this very checkpoint payload. */
    public static Optional<String> tokenProblem(Anchor anchor) {
        if (anchor.timeStampToken() == null) {
            return Optional.empty();
        }
        try {
            TimeStampToken token = new TimeStampToken(
                    new org.bouncycastle.cms.CMSSignedData(Base64.getDecoder().decode(anchor.timeStampToken())));
            byte[] expected =
                    sha256(AuditCheckpoints.Checkpoint.payload(anchor.seq(), anchor.chainHash(), anchor.signedAt()));
            if (!MessageDigest.isEqual(expected, token.getTimeStampInfo().getMessageImprintDigest())) {
                return Optional.of("its time-stamp token is over another checkpoint");
            }
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("its time-stamp token cannot be read (" + e.getMessage() + ")");
        }
    }

    private Optional<String> timeStamp(java.net.URI url, AuditCheckpoints.Checkpoint checkpoint) {
        try {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            BigInteger nonce = new BigInteger(64, NONCES);
            TimeStampRequest request =
                    generator.generate(NISTObjectIdentifiers.id_sha256, sha256(checkpoint.payload()), nonce);
            HttpResponse<byte[]> answer = http.send(
                    HttpRequest.newBuilder(url)
                            .timeout(properties.tsaTimeout())
                            .header("Content-Type", "application/timestamp-query")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            TimeStampResponse response = new TimeStampResponse(answer.body());
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                log.warn(
                        "The time-stamping authority {} granted no token for audit checkpoint {}: {}",
                        url,
                        checkpoint.id(),
                        response.getStatusString());
                return Optional.empty();
            }
            return Optional.of(Base64.getEncoder()
                    .encodeToString(response.getTimeStampToken().getEncoded()));
        } catch (IOException | TSPException e) {
            log.warn(
                    "Audit checkpoint {} anchored without a time-stamp: the time-stamping authority {} failed: {}",
                    checkpoint.id(),
                    url,
                    e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
