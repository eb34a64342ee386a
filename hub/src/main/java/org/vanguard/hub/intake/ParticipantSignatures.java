package org.vanguard.hub.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.vanguard.hub.pki.PkiProperties;
import org.vanguard.hub.signing.ParticipantSignatureVerifier;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.CallerNotAllowedException;
import org.vanguard.hub.web.ExceptionText;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Enforces signed intake: a participant listed in {@code hub.pki.require-signed-messages} must send
 * {@value #HEADER}, a detached JWS over the exact body made with its client certificate's key; without one the
 * message is refused 401, with a bad one 403, before anything is parsed or queued. A signature sent by a
 * participant not required to sign is checked all the same, since a wrong one means something is amiss.
 */
@Component
class ParticipantSignatures {

    public static final String HEADER = "X-Participant-Signature";
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final Set<String> required;
    private final ParticipantSignatureVerifier verifier = new ParticipantSignatureVerifier();

    public ParticipantSignatures(PkiProperties pki) {
        this.required = Set.copyOf(pki.requireSignedMessages());
    }

    void check(AuthenticatedParticipant caller, String signature, byte[] body, HttpServletRequest request) {
        if (signature == null || signature.isBlank()) {
            if (required.contains(caller.ods().value())) {
                throw new CallerNotAllowedException(
                        HttpStatus.UNAUTHORIZED,
                        caller.ods() + " must sign what it sends: the " + HEADER
                                + " header (a detached JWS over the body, by the client certificate's key) is missing");
            }
            return;
        }
        if (!(request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain) || chain.length == 0) {
            throw new CallerNotAllowedException(
                    HttpStatus.UNAUTHORIZED, "a client certificate issued by the hub is required");
        }
        try {
            verifier.verify(signature, body, chain[0]);
        } catch (ParticipantSignatureVerifier.SignatureRefused e) {
            throw new FhirInputException(
                    Rejection.FORBIDDEN,
                    List.of(new InputIssue(IssueType.SECURITY, "(header) " + HEADER, ExceptionText.of(e))));
        }
    }
}
