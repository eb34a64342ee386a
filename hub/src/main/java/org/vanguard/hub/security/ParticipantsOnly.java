package org.vanguard.hub.security;

import java.security.cert.X509Certificate;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.vanguard.hub.web.AuthenticatedParticipant;

/**
 * The FHIR API, mailboxes, pseudonyms and the hub's published keys are for participant systems: a certificate that
 * names a participant of this vanguard. Anyone else is told what their certificate lacks.
 */
final class ParticipantsOnly implements AuthorizationManager<RequestAuthorizationContext> {

    private final CertificateCallers certificates;

    ParticipantsOnly(CertificateCallers certificates) {
        this.certificates = certificates;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        if (caller.getPrincipal() instanceof AuthenticatedParticipant) {
            return new AuthorizationDecision(true);
        }
        if (caller.getDetails() instanceof X509Certificate certificate) {
            return new Refusal(certificates
                    .whyNotAParticipant(certificate)
                    .orElse("the client certificate names no participant organisation"));
        }
        return new Refusal("this endpoint is for participant systems, by their client certificate");
    }
}
