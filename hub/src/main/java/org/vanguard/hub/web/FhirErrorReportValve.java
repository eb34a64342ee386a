package org.vanguard.hub.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * The web container's own error answers as FHIR: whatever Tomcat refuses before any handler runs (a request line
 * with an illegal character or a bad escape, headers too large, a body the connector will not read) is answered with
 * an OperationOutcome naming the problem and where it is, instead of Tomcat's HTML report. Installed as the host's
 * error report valve ({@link TomcatErrors}); a client's mistake is logged at INFO, never at ERROR.
 */
public class FhirErrorReportValve extends ErrorReportValve {

    // The answer is in the format the client asked for when its request line and headers could still be read
    // (Accept, or _format in the query); otherwise, as for a request line Tomcat cannot parse, JSON.

    private static final Logger log = LoggerFactory.getLogger(FhirErrorReportValve.class);

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = response.getMessage() != null && !response.getMessage().isBlank()
                ? response.getMessage()
                : throwable != null && throwable.getMessage() != null ? throwable.getMessage() : "HTTP " + status;
        InputIssue issue = new InputIssue(issueType(status), where(status, message), describe(status, message));
        if (status < 500) {
            log.info("Refused request ({}) before any handler: {}", status, message);
        } else {
            log.warn("The web container answered {}: {}", status, message);
        }
        try {
            SecurityHeaders.apply(response, request.isSecure());
            FhirFormat format = FhirFormatNegotiation.preferred(request.getQueryString(), request.getHeader("Accept"));
            response.setContentType(format.mediaType());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                OperationOutcome outcome = OperationOutcomes.of(List.of(issue));
                writer.write(
                        format == FhirFormat.XML
                                ? FhirParsing.context().newXmlParser().encodeResourceToString(outcome)
                                : FhirParsing.toJson(outcome));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error answer", e);
        }
    }

    private static IssueType issueType(int status) {
        return switch (status) {
            case 404 -> IssueType.NOTFOUND;
            case 405, 406, 415, 501 -> IssueType.NOTSUPPORTED;
            case 413, 414, 431 -> IssueType.TOOLONG;
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            default -> status >= 500 ? IssueType.TRANSIENT : IssueType.INVALID;
        };
    }

    private static String where(int status, String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (status == 431 || lower.contains("header")) {
            return "(request headers)";
        }
        if (status == 413 || lower.contains("body")) {
            return "(request body)";
        }
        if (lower.contains("request target")
                || lower.contains("uri")
                || lower.contains("path")
                || lower.contains("query")
                || lower.contains("url")
                || status == 414) {
            return "(request URL)";
        }
        return "(request)";
    }

    private static String describe(int status, String message) {
        return switch (status) {
            case 400 ->
                "the request is malformed: " + message + "; characters outside the URL syntax must be percent-encoded";
            case 404 -> "nothing is served at this path: " + message;
            case 405 -> "this method is not allowed here: " + message;
            case 413 -> "the request body is too large: " + message;
            case 414 -> "the request URL is too long: " + message;
            case 431 -> "the request headers are too large: " + message;
            default -> message;
        };
    }
}
