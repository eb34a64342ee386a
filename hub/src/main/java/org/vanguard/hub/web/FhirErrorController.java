package org.vanguard.hub.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * The servlet container's error page ({@code /error}, where an error raised outside a handler is forwarded) as an
 * OperationOutcome, in place of Spring Boot's JSON error body: a client never meets a second error format.
 */
@RestController
public class FhirErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(FhirErrorController.class);

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.BAD_REQUEST;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String text = (message == null || message.toString().isBlank() ? status.getReasonPhrase() : message.toString())
                + (uri == null ? "" : " (" + uri + ")");
        IssueType type = switch (status.value()) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415 -> IssueType.NOTSUPPORTED;
            case 413, 414, 431 -> IssueType.TOOLONG;
            case 409, 412 -> IssueType.CONFLICT;
            case 429 -> IssueType.THROTTLED;
            default -> status.is5xxServerError() ? IssueType.TRANSIENT : IssueType.INVALID;
        };
        if (status.is5xxServerError()) {
            log.warn("Answered {} from the error page: {}", status.value(), text);
        } else {
            log.info("Refused request ({}) from the error page: {}", status.value(), text);
        }
        return FhirResponses.of(status, OperationOutcomes.of(List.of(new InputIssue(type, "(request)", text))));
    }
}
