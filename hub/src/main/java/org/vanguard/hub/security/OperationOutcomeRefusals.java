package org.vanguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * Refusals on the providers' port leave as FHIR OperationOutcomes, as every other error there does: 401 (issue
 * {@code login}) when the caller has not proved who it is, with an HTTP Basic challenge when a password was the
 * problem; 403 (issue {@code forbidden}) naming the right that is missing. Clients are told what to fix; the log
 * keeps it at INFO because it is not the hub's fault.
 */
final class OperationOutcomeRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(OperationOutcomeRefusals.class);
    private static final String FHIR_JSON = FhirFormat.JSON.mediaType() + ";charset=UTF-8";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String where =
                e instanceof CallerRefusedException refused ? refused.where() : CallerRefusedException.CERTIFICATE;
        String required = "a client certificate issued by the hub is required";
        String message =
                e instanceof CallerRefusedException ? Objects.requireNonNullElse(e.getMessage(), required) : required;
        if (e instanceof CallerRefusedException refused && refused.challengesForBasic()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"vanguard-hub admin\", charset=\"UTF-8\"");
        }
        write(response, HttpStatus.UNAUTHORIZED, IssueType.LOGIN, where, message);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String message = e instanceof AuthorizationDeniedException denied
                        && denied.getAuthorizationResult() instanceof Refusal refusal
                ? refusal.reason()
                : "this caller may not use " + request.getRequestURI();
        write(response, HttpStatus.FORBIDDEN, IssueType.FORBIDDEN, CallerRefusedException.CERTIFICATE, message);
    }

    private static void write(
            HttpServletResponse response, HttpStatus status, IssueType type, String where, String message)
            throws IOException {
        log.info("Refused caller ({}): {}", status.value(), message);
        byte[] body = FhirParsing.toJson(OperationOutcomes.of(List.of(new InputIssue(type, where, message))))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        response.setContentType(FHIR_JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
