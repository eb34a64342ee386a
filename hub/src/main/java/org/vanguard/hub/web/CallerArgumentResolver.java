package org.vanguard.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.pki.CertificateIdentity;
import org.vanguard.hub.pki.CertificateRegistry;

/**
 * Tells a handler who is calling, from the client certificate the TLS handshake verified against the
 * hub's CA. A participant endpoint needs a certificate naming a participant of this vanguard; an admin
 * endpoint needs a person with the endpoint's role ({@link AdminCallers}: an IG officer's certificate, or a
 * local account signed in with HTTP Basic over the same mutual-TLS connection). The request body never decides
 * who the caller is.
 */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final ParticipantDirectory participants;
    private final CertificateRegistry certificates;
    private final AdminCallers admins;

    public CallerArgumentResolver(ParticipantDirectory participants, CertificateRegistry certificates,
            AdminCallers admins) {
        this.participants = participants;
        this.certificates = certificates;
        this.admins = admins;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == AuthenticatedParticipant.class || type == AuthenticatedOfficer.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        X509Certificate certificate = clientCertificate(webRequest.getNativeRequest(HttpServletRequest.class))
                .orElseThrow(() -> new CallerNotAllowedException(HttpStatus.UNAUTHORIZED,
                        "a client certificate issued by the hub is required"));
        // The handshake already refuses revoked certificates, but a keep-alive connection or a resumed TLS
        // session opened before the revocation never handshakes again; checking here closes that gap.
        if (certificates.isRevoked(certificate.getSerialNumber())) {
            throw new CallerNotAllowedException(HttpStatus.UNAUTHORIZED, "the client certificate "
                    + CertificateRegistry.serialOf(certificate.getSerialNumber()) + " has been revoked");
        }
        if (parameter.getParameterType() == AuthenticatedOfficer.class) {
            return admins.resolve(parameter, webRequest.getNativeRequest(HttpServletRequest.class), certificate);
        }
        String ods = CertificateIdentity.odsCodeOf(certificate).orElseThrow(() -> new CallerNotAllowedException(
                HttpStatus.FORBIDDEN, "the client certificate names no participant organisation"));
        OdsCode code;
        try {
            code = OdsCode.of(ods);
        } catch (IllegalArgumentException e) {
            throw new CallerNotAllowedException(HttpStatus.FORBIDDEN, "the client certificate's organisation: " + e.getMessage());
        }
        if (!participants.contains(code)) {
            throw new CallerNotAllowedException(HttpStatus.FORBIDDEN, code + " is not a participant of this vanguard");
        }
        return new AuthenticatedParticipant(code);
    }

    private static Optional<X509Certificate> clientCertificate(HttpServletRequest request) {
        if (request == null) {
            return Optional.empty();
        }
        Object attribute = request.getAttribute(CERTIFICATES);
        if (attribute instanceof X509Certificate[] chain && chain.length > 0) {
            return Optional.of(chain[0]);
        }
        return Optional.empty();
    }
}
