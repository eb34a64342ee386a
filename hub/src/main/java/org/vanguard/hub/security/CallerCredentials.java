package org.vanguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.vanguard.hub.pki.CertificateRegistry;

/**
 * Reads what a request on the providers' port offers as proof: the client certificate the TLS handshake verified
 * against the hub's CA and, on the admin API only, an {@code Authorization: Basic} header (the certificate proves
 * the machine, the password the person). A revoked certificate is refused here on every request: the handshake
 * already refuses it, but a keep-alive connection or a resumed TLS session opened before the revocation never
 * handshakes again. On participant paths a header never changes who the caller is: the certificate decides.
 */
final class CallerCredentials implements AuthenticationConverter {

    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final CertificateRegistry certificates;

    CallerCredentials(CertificateRegistry certificates) {
        this.certificates = certificates;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        Optional<X509Certificate> found = clientCertificate(request);
        if (found.isEmpty()) {
            return null;
        }
        X509Certificate certificate = found.get();
        if (certificates.isRevoked(certificate.getSerialNumber())) {
            throw new CallerRefusedException(
                    CallerRefusedException.CERTIFICATE,
                    "the client certificate " + CertificateRegistry.serialOf(certificate.getSerialNumber())
                            + " has been revoked");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && isAdmin(request)) {
            String[] credentials = basic(authorization)
                    .orElseThrow(() -> new CallerRefusedException(
                            CallerRefusedException.AUTHORIZATION,
                            "the Authorization header must be HTTP Basic: "
                                    + "'Basic ' and base64 of username:password"));
            UsernamePasswordAuthenticationToken token =
                    UsernamePasswordAuthenticationToken.unauthenticated(credentials[0], credentials[1]);
            token.setDetails(certificate);
            return token;
        }
        PreAuthenticatedAuthenticationToken token = new PreAuthenticatedAuthenticationToken(
                certificate.getSubjectX500Principal().getName(), certificate);
        token.setDetails(certificate);
        return token;
    }

    private static boolean isAdmin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/admin") || path.startsWith("/admin/");
    }

    static Optional<X509Certificate> clientCertificate(HttpServletRequest request) {
        Object attribute = request.getAttribute(CERTIFICATES);
        if (attribute instanceof X509Certificate[] chain && chain.length > 0) {
            return Optional.of(chain[0]);
        }
        return Optional.empty();
    }

    /** Username and password from {@code Basic base64(username:password)}, UTF-8 (RFC 7617). */
    private static Optional<String[]> basic(String authorization) {
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0
                    ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
