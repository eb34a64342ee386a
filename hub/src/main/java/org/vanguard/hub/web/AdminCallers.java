package org.vanguard.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.vanguard.hub.people.AccountSignIn;
import org.vanguard.hub.people.Role;
import org.vanguard.hub.pki.CertificateIdentity;

/**
 * Who is calling an admin endpoint, and whether their roles let them. With an {@code Authorization: Basic} header
 * the caller is that local account (the TLS handshake has still verified a hub-issued client certificate: the
 * machine is known, the person signs in); without one, an IG officer's certificate makes its holder an IG officer.
 * The endpoint's {@link RequiresRole} (IG officer when absent) then decides, and an MDT member is held to their
 * own MDT where the endpoint says so.
 */
@Component
class AdminCallers {

    private static final Logger log = LoggerFactory.getLogger(AdminCallers.class);
    private static final Set<Role> DEFAULT = EnumSet.of(Role.IG_OFFICER);

    private final AccountSignIn signIn;

    AdminCallers(AccountSignIn signIn) {
        this.signIn = signIn;
    }

    AuthenticatedOfficer resolve(MethodParameter parameter, HttpServletRequest request, X509Certificate certificate) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        AuthenticatedOfficer caller = authorization == null ? fromCertificate(certificate) : fromPassword(authorization);
        RequiresRole rule = Optional.ofNullable(parameter.getMethodAnnotation(RequiresRole.class))
                .orElseGet(() -> parameter.getContainingClass().getAnnotation(RequiresRole.class));
        Set<Role> allowed = rule == null ? DEFAULT : EnumSet.copyOf(Arrays.asList(rule.value()));
        if (Collections.disjoint(caller.roles(), allowed)) {
            throw new CallerNotAllowedException(HttpStatus.FORBIDDEN, "this endpoint needs the role " + words(allowed)
                    + "; " + caller.subject() + " holds " + (caller.roles().isEmpty() ? "no role" : words(caller.roles())));
        }
        if (rule != null && !rule.mdtScope().isEmpty() && onlyAsMdtMember(caller, allowed)) {
            String mdt = caller.mdt().map(m -> m.value()).orElse("(none)");
            String named = request.getParameter(rule.mdtScope());
            if (named == null || !named.trim().toUpperCase(Locale.ROOT).equals(mdt)) {
                throw new CallerNotAllowedException(HttpStatus.FORBIDDEN, "an MDT member sees only their own MDT's records: "
                        + "give " + rule.mdtScope() + "=" + mdt + (named == null ? "" : " (not " + named + ")"));
            }
        }
        return caller;
    }

    private static AuthenticatedOfficer fromCertificate(X509Certificate certificate) {
        String subject = certificate.getSubjectX500Principal().getName();
        if (!CertificateIdentity.isIgOfficer(certificate)) {
            throw new CallerNotAllowedException(HttpStatus.FORBIDDEN, "the admin API is for IG officers, operators and "
                    + "MDT members: sign in with an account (HTTP Basic) or present an IG officer's certificate; "
                    + subject + " is neither");
        }
        return new AuthenticatedOfficer(subject, EnumSet.of(Role.IG_OFFICER), Optional.empty());
    }

    private AuthenticatedOfficer fromPassword(String authorization) {
        String[] credentials = basic(authorization).orElseThrow(() -> new CallerNotAllowedException(HttpStatus.UNAUTHORIZED,
                CallerNotAllowedException.AUTHORIZATION, "the Authorization header must be HTTP Basic: "
                        + "'Basic ' and base64 of username:password"));
        AccountSignIn.Outcome outcome = signIn.signIn(credentials[0], credentials[1]);
        if (outcome instanceof AccountSignIn.SignedIn in) {
            return new AuthenticatedOfficer("user:" + in.account().username(), in.account().roles(), in.account().mdt());
        }
        log.info("Sign-in refused: {}", ((AccountSignIn.Refused) outcome).why());
        throw new CallerNotAllowedException(HttpStatus.UNAUTHORIZED, CallerNotAllowedException.AUTHORIZATION,
                "sign-in refused: wrong username or password, or the account is disabled or locked after repeated failures");
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
            return colon <= 0 ? Optional.empty() : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean onlyAsMdtMember(AuthenticatedOfficer caller, Set<Role> allowed) {
        return caller.roles().stream().filter(allowed::contains).allMatch(r -> r == Role.MDT_MEMBER);
    }

    private static String words(Set<Role> roles) {
        return roles.stream().sorted().map(Role::label).collect(Collectors.joining(" or "));
    }
}
