package org.vanguard.hub.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.ExceptionText;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Certificates for IG officers: onboard a participant from its CSR (and rotate by doing so again), revoke a
 * certificate, and list certificates, in particular those about to expire.
 */
@RestController
@RequiresRole({Role.OPERATOR, Role.IG_OFFICER})
public class AdminCertificateController {

    /** RFC 8555 section 9.1: a PEM certificate followed by its issuers. */
    public static final String PEM_CHAIN = "application/pem-certificate-chain";

    private static final Logger log = LoggerFactory.getLogger(AdminCertificateController.class);

    private final CsrOnboarding onboarding;
    private final CertificateRevocations revocations;
    private final CertificateRegistry registry;
    private final ParticipantDirectory participants;
    private final AdminAudit audit;

    public AdminCertificateController(
            CsrOnboarding onboarding,
            CertificateRevocations revocations,
            CertificateRegistry registry,
            ParticipantDirectory participants,
            AdminAudit audit) {
        this.onboarding = onboarding;
        this.revocations = revocations;
        this.registry = registry;
        this.participants = participants;
        this.audit = audit;
    }

    /** A revocation: the RFC 5280 reason name, e.g. {@code keyCompromise} or {@code superseded}. */
    public record RevocationRequest(@Nullable String reason) {}

    /**
     * Issues a client certificate bound to the participant in the path, for the key in the PEM PKCS#10 body.
     * Answers 201 with the PEM chain (new certificate, issuing CA, root) and the serial in {@code Location}.
     */
    @PostMapping("/admin/participants/{ods}/certificates")
    public ResponseEntity<String> issue(
            AuthenticatedOfficer officer, @PathVariable String ods, @RequestBody(required = false) String csr) {
        OdsCode code = AdminRequests.field("ods", ods, OdsCode::of);
        Participant participant = participants
                .find(code)
                .orElseThrow(() -> new NotFoundException(code + " is not a participant of this vanguard"));
        List<X509Certificate> chain;
        try {
            chain = audit.change(
                    () -> onboarding.issueFromCsr(code, participant.name(), csr),
                    issued -> audit.by(
                                    officer.subject(),
                                    "certificate.issue",
                                    "issued certificate "
                                            + CertificateRegistry.serialOf(
                                                    issued.get(0).getSerialNumber()) + " from a CSR")
                            .aboutParticipant(code.value()));
        } catch (IllegalArgumentException e) {
            throw new FhirInputException(Rejection.INVALID, InputIssue.value("(body) csr", ExceptionText.of(e)));
        }
        String serial = CertificateRegistry.serialOf(chain.get(0).getSerialNumber());
        log.info("{} issued certificate {} for {} from a CSR", officer.subject(), serial, code);
        return ResponseEntity.status(201)
                .header(HttpHeaders.LOCATION, "/admin/certificates/" + serial)
                .header(HttpHeaders.CONTENT_TYPE, PEM_CHAIN)
                .body(pem(chain));
    }

    @GetMapping("/admin/certificates")
    public List<CertificateRecord> list(
            AuthenticatedOfficer officer,
            @RequestParam(name = "expiring-within", required = false) @Nullable String expiringWithin,
            @RequestParam(required = false) @Nullable String ods) {
        if (expiringWithin != null) {
            Duration window =
                    AdminRequests.field("expiring-within", expiringWithin, AdminCertificateController::duration);
            return registry.expiringWithin(window);
        }
        if (ods != null) {
            return registry.ofParticipant(
                    AdminRequests.field("ods", ods, OdsCode::of).value());
        }
        return registry.all();
    }

    @GetMapping("/admin/certificates/{serial}")
    public CertificateRecord show(AuthenticatedOfficer officer, @PathVariable String serial) {
        return registry.find(serial).orElseThrow(() -> new NotFoundException("no certificate with serial " + serial));
    }

    @PostMapping("/admin/certificates/{serial}/revoke")
    public CertificateRecord revoke(
            AuthenticatedOfficer officer,
            @PathVariable String serial,
            @RequestBody(required = false) RevocationRequest request) {
        RevocationReason reason = request == null || request.reason() == null
                ? RevocationReason.UNSPECIFIED
                : AdminRequests.field("reason", request.reason(), RevocationReason::fromLabel);
        return audit.change(
                () -> revocations
                        .revoke(serial, reason, officer.subject())
                        .orElseThrow(() -> new NotFoundException("no certificate with serial " + serial)),
                revoked -> audit.by(
                        officer.subject(),
                        "certificate.revoke",
                        "revoked certificate " + serial + " (" + revoked.subject() + ") as " + reason.label()));
    }

    private static Duration duration(String text) {
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative()) {
                throw new IllegalArgumentException("must not be negative: " + text);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO 8601 duration such as P30D: " + text);
        }
    }

    private static String pem(List<X509Certificate> chain) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : chain) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
