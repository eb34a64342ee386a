package org.vanguard.hub.security;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.pki.CertificateIdentity;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.AuthenticatedParticipant;
import org.vanguard.hub.web.Role;

/**
 * X.509 authentication: the verified client certificate names a participant of this vanguard (its ODS code in the
 * X.520 organizationIdentifier, OID 2.5.4.97) or, with {@code OU=ig-officer} and no organisation, an IG officer.
 * Any other hub-issued certificate is authenticated as its subject with no right at all, so the refusal can name it.
 */
final class CertificateCallers implements AuthenticationProvider {

    /** The authority of a participant system. */
    static final String PARTICIPANT = "PARTICIPANT";

    private final ParticipantDirectory participants;

    CertificateCallers(ParticipantDirectory participants) {
        this.participants = participants;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        X509Certificate certificate =
                (X509Certificate) Objects.requireNonNull(authentication.getCredentials(), "certificate");
        String subject = certificate.getSubjectX500Principal().getName();
        Object principal;
        List<GrantedAuthority> authorities;
        Optional<OdsCode> participant = participant(certificate);
        if (participant.isPresent()) {
            principal = new AuthenticatedParticipant(participant.get());
            authorities = List.of(new SimpleGrantedAuthority(PARTICIPANT));
        } else if (CertificateIdentity.isIgOfficer(certificate)) {
            principal = new AuthenticatedOfficer(subject, EnumSet.of(Role.IG_OFFICER), Optional.empty());
            authorities = Roles.authorities(EnumSet.of(Role.IG_OFFICER));
        } else {
            principal = subject;
            authorities = List.of();
        }
        PreAuthenticatedAuthenticationToken done =
                new PreAuthenticatedAuthenticationToken(principal, certificate, authorities);
        done.setDetails(certificate);
        return done;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return PreAuthenticatedAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private Optional<OdsCode> participant(X509Certificate certificate) {
        return whyNotAParticipant(certificate).isEmpty()
                ? CertificateIdentity.odsCodeOf(certificate).map(OdsCode::of)
                : Optional.empty();
    }

    /** Why this certificate does not make its holder a participant, or empty when it does. */
    Optional<String> whyNotAParticipant(X509Certificate certificate) {
        Optional<String> ods = CertificateIdentity.odsCodeOf(certificate);
        if (ods.isEmpty()) {
            return Optional.of("the client certificate names no participant organisation");
        }
        OdsCode code;
        try {
            code = OdsCode.of(ods.get());
        } catch (IllegalArgumentException e) {
            return Optional.of("the client certificate's organisation: " + e.getMessage());
        }
        return participants.contains(code)
                ? Optional.empty()
                : Optional.of(code + " is not a participant of this vanguard");
    }
}
