package org.vanguard.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.SignedInPerson;

/**
 * Every sign-in to the console, every refused sign-in and every sign-out goes into the hash-chained audit with the
 * person's name, as admin changes do (ICO and DSPT expect access to personal data to be attributable). A refused
 * sign-in records the name that was typed, never the password, and not why it was refused (the log has that).
 */
@Component
class ConsoleSignIns implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

    private static final Logger log = LoggerFactory.getLogger(ConsoleSignIns.class);
    private static final int LONGEST_NAME = 64;

    private final AdminAudit audit;
    private final ConsoleProperties properties;

    ConsoleSignIns(AdminAudit audit, ConsoleProperties properties) {
        this.audit = audit;
        this.properties = properties;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        String who = subject(authentication);
        record(who, "console.sign-in", "signed in to the console from " + request.getRemoteAddr());
        request.getSession()
                .setMaxInactiveInterval((int) properties.sessionTimeout().toSeconds());
        log.info("{} signed in to the console", who);
        response.sendRedirect(request.getContextPath() + "/console");
    }

    @Override
    public void onAuthenticationFailure(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        log.info("Console sign-in refused: {}: {}", e.getClass().getSimpleName(), e.getMessage());
        if (e instanceof OAuth2AuthenticationException oidc) {
            String who = oidc instanceof OidcPeople.Refused refused ? refused.subject() : "oidc:(not established)";
            record(
                    who,
                    "console.sign-in-refused",
                    "refused an OpenID Connect sign-in to the console from "
                            + request.getRemoteAddr() + ": " + oidc.getError().getErrorCode()
                            + (oidc.getError().getDescription() == null
                                    ? ""
                                    : " (" + oidc.getError().getDescription() + ")"));
            response.sendRedirect(request.getContextPath() + "/console/sign-in?error="
                    + (OidcPeople.NO_ROLE.equals(oidc.getError().getErrorCode()) ? "no-role" : "oidc"));
            return;
        }
        String typed = request.getParameter("username");
        String who = "user:"
                + (typed == null || typed.isBlank()
                        ? "(none)"
                        : typed.strip().substring(0, Math.min(typed.strip().length(), LONGEST_NAME)));
        record(
                who,
                "console.sign-in-refused",
                "refused a sign-in to the console from " + request.getRemoteAddr()
                        + ": wrong username or password, or the account is disabled or locked");
        response.sendRedirect(request.getContextPath() + "/console/sign-in?error");
    }

    @Override
    public void logout(
            HttpServletRequest request, HttpServletResponse response, @Nullable Authentication authentication) {
        if (authentication != null) {
            String who = subject(authentication);
            record(who, "console.sign-out", "signed out of the console");
            log.info("{} signed out of the console", who);
        }
    }

    private void record(String who, String action, String detail) {
        audit.change(() -> Boolean.TRUE, done -> audit.by(who, action, detail));
    }

    private static String subject(Authentication authentication) {
        Object principal = authentication.getPrincipal();
        if (principal instanceof SignedInPerson person) {
            return person.officer().subject();
        }
        return principal instanceof AuthenticatedOfficer person ? person.subject() : authentication.getName();
    }
}
