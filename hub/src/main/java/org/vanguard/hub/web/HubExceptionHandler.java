package org.vanguard.hub.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * Every error leaves as an OperationOutcome. A client's mistake is a 4xx that names the problem and where
 * it is, logged at INFO because it is not the hub's fault; only the hub's own failures are 5xx and ERROR.
 */
@RestControllerAdvice
public class HubExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(HubExceptionHandler.class);

    /** The broker's ways of saying its connection failed or moved under a call (a failover unblocks the call). */
    private static final Set<ActiveMQExceptionType> CONNECTION_LOST = EnumSet.of(
            ActiveMQExceptionType.UNBLOCKED,
            ActiveMQExceptionType.NOT_CONNECTED,
            ActiveMQExceptionType.DISCONNECTED,
            ActiveMQExceptionType.CONNECTION_TIMEDOUT,
            ActiveMQExceptionType.REMOTE_DISCONNECT);

    @ExceptionHandler(FhirInputException.class)
    ResponseEntity<String> refused(FhirInputException e) {
        HttpStatus status = switch (e.rejection()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case NOT_SUPPORTED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
        };
        log.info("Refused input ({}): {}", status.value(), e.getMessage());
        return FhirResponses.of(status, OperationOutcomes.of(e.rejection(), e.issues()));
    }

    /**
     * A request body that is not the JSON the endpoint reads (a string or an array where an object belongs, a number
     * where a text belongs, broken JSON): the client's mistake, answered 400 with what the parser found and where.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        String found = e.getMostSpecificCause().getMessage() == null
                ? e.getMessage()
                : e.getMostSpecificCause().getMessage();
        String first = found == null ? "unreadable" : found.lines().findFirst().orElse(found);
        int reference = first.indexOf(" (through reference chain");
        String text = (reference > 0 ? first.substring(0, reference) : first).replaceAll("\\s*at \\[Source:.*$", "");
        log.info("Refused request body (400): {}", text);
        return FhirResponses.of(
                HttpStatus.BAD_REQUEST,
                OperationOutcomes.of(List.of(InputIssue.invalid(
                        "(request body)", "the request body is not the JSON this endpoint reads: " + text))));
    }

    /** A path or query value of the wrong type ({@code /admin/reviews/abc/close} where a number belongs). */
    @ExceptionHandler(org.springframework.beans.TypeMismatchException.class)
    ResponseEntity<String> mismatch(org.springframework.beans.TypeMismatchException e) {
        String name =
                e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException argument
                        ? argument.getName()
                        : e.getPropertyName();
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        log.info("Refused request (400): {} = '{}' is not a {}", name, e.getValue(), expected);
        return FhirResponses.of(
                HttpStatus.BAD_REQUEST,
                OperationOutcomes.of(List.of(InputIssue.value(
                        name == null ? "(request)" : name, "'" + e.getValue() + "' is not a " + expected))));
    }

    @ExceptionHandler(CallerNotAllowedException.class)
    ResponseEntity<String> notAllowed(CallerNotAllowedException e) {
        log.info("Refused caller ({}): {}", e.status().value(), e.getMessage());
        IssueType type = e.status() == HttpStatus.UNAUTHORIZED ? IssueType.LOGIN : IssueType.FORBIDDEN;
        ResponseEntity<String> refusal = FhirResponses.of(
                e.status(), OperationOutcomes.of(List.of(new InputIssue(type, e.where(), ExceptionText.of(e)))));
        if (!e.challengesForBasic()) {
            return refusal;
        }
        return ResponseEntity.status(refusal.getStatusCode())
                .headers(refusal.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"vanguard-hub admin\", charset=\"UTF-8\"")
                .body(refusal.getBody());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> notFound(NotFoundException e) {
        return FhirResponses.of(
                HttpStatus.NOT_FOUND,
                OperationOutcomes.of(List.of(new InputIssue(IssueType.NOTFOUND, "(path) id", ExceptionText.of(e)))));
    }

    /**
     * The container's failure to decode the request's parameters or path (a bad percent escape, an invalid byte
     * sequence), which surfaces only when a handler first reads them: the client's mistake, not the hub's.
     */
    private static @Nullable Throwable undecodable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getName();
            if (name.endsWith("DecodeException")
                    || name.endsWith("InvalidParameterException")
                    || cause instanceof java.io.CharConversionException) {
                return cause;
            }
        }
        return null;
    }

    /** Spring MVC's own client errors (unknown path, wrong method, unreadable request, missing parameter). */
    @ExceptionHandler(Exception.class)
    ResponseEntity<String> other(Exception e) {
        if (e instanceof ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            HttpStatusCode status = response.getStatusCode();
            String detail = response.getBody().getDetail() == null
                    ? e.getMessage()
                    : response.getBody().getDetail();
            log.info("Refused request ({}): {}", status.value(), detail);
            IssueType type = switch (status.value()) {
                case 404 -> IssueType.NOTFOUND;
                case 405, 406, 415 -> IssueType.NOTSUPPORTED;
                case 413 -> IssueType.TOOLONG;
                case 401 -> IssueType.LOGIN;
                case 403 -> IssueType.FORBIDDEN;
                case 409, 412 -> IssueType.CONFLICT;
                case 429 -> IssueType.THROTTLED;
                default -> IssueType.INVALID;
            };
            ResponseEntity<String> refusal = FhirResponses.of(
                    status,
                    OperationOutcomes.of(List.of(new InputIssue(
                            type,
                            status.value() == 415
                                    ? "(Content-Type header)"
                                    : status.value() == 406 ? "(Accept header)" : "(request)",
                            Objects.requireNonNullElse(detail, e.getClass().getName())))));
            // The Allow of a 405, the Accept of a 415: what the client may send instead.
            return ResponseEntity.status(status)
                    .headers(response.getHeaders())
                    .headers(refusal.getHeaders())
                    .body(refusal.getBody());
        }
        Throwable undecodable = undecodable(e);
        if (undecodable != null) {
            log.info("Refused request (400): the URL could not be decoded: {}", undecodable.getMessage());
            return FhirResponses.of(
                    HttpStatus.BAD_REQUEST,
                    OperationOutcomes.of(List.of(InputIssue.invalid(
                            "(request URL)",
                            "the URL's query or path could not be decoded (" + undecodable.getMessage()
                                    + "); percent-encode reserved characters as %XX with two hexadecimal digits"))));
        }
        String brokerLost = brokerConnectionLost(e);
        if (brokerLost != null) {
            // The broker died or failed over under the request: expected while a broker pair fails over, and the
            // client is told to send again (a message the broker had taken is recognised by its duplicate id).
            log.warn("A request met the broker connection failing ({}); answered 503 with Retry-After", brokerLost);
            return unavailable("the hub lost its connection to the message broker while handling the request (a"
                    + " broker failing over); send the same request again after Retry-After: the hub recognises a"
                    + " message it has already accepted");
        }
        log.error("The hub failed to handle a request", e);
        return unavailable("the hub could not handle the request; nothing was accepted, try again");
    }

    /**
     * The broker connection failing under a request, if that is what {@code e} is: the broker's own word for it, or a
     * JMS connection or session already closed by that failure (a failover that gave up, and the pool's reconnection).
     */
    private static @Nullable String brokerConnectionLost(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQException broker && CONNECTION_LOST.contains(broker.getType())) {
                return broker.getType() + ": " + broker.getMessage();
            }
            if (cause instanceof jakarta.jms.IllegalStateException closed) {
                return "JMS: " + closed.getMessage();
            }
        }
        return null;
    }

    private static ResponseEntity<String> unavailable(String why) {
        ResponseEntity<String> failure =
                FhirResponses.of(HttpStatus.SERVICE_UNAVAILABLE, OperationOutcomes.transientFailure(why));
        return ResponseEntity.status(failure.getStatusCode())
                .headers(failure.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, ReadinessGate.RETRY_AFTER_SECONDS)
                .body(failure.getBody());
    }
}
