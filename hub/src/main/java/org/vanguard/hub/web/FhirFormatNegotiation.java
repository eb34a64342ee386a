package org.vanguard.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * FHIR R4 content negotiation (RESTful API 3.1.0.1.10) for everything under {@code /fhir}: {@code _format} wins over
 * {@code Accept}; {@code xml}, {@code text/xml}, {@code application/xml} and {@code application/fhir+xml} ask for XML,
 * anything else (or nothing) gets JSON. Handlers, refusals from the security chain and error handlers all write FHIR
 * JSON; when XML was asked for, this filter writes the same resource again with HAPI's XML parser, so every answer,
 * an OperationOutcome included, comes in the format the client reads. A {@code _format} the hub cannot write is a 406
 * naming the parameter. Runs just after {@code SecurityHeaders}, before Spring Security, so refusals are covered too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class FhirFormatNegotiation extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FhirFormatNegotiation.class);
    private static final String FHIR_PATH = "/fhir/";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(FHIR_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<FhirFormat> asked;
        try {
            asked = asked(
                    request.getQueryString() == null ? null : formatParameter(request.getQueryString()),
                    request.getHeader(HttpHeaders.ACCEPT));
        } catch (UnsupportedFormat e) {
            log.info("Refused request (406): {}", e.getMessage());
            write(
                    response,
                    406,
                    FhirFormat.JSON,
                    FhirParsing.toJson(OperationOutcomes.of(
                            List.of(new InputIssue(IssueType.NOTSUPPORTED, "_format", ExceptionText.of(e))))));
            return;
        }
        if (asked.orElse(FhirFormat.JSON) == FhirFormat.JSON) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        String contentType = buffered.getContentType();
        byte[] body = buffered.getContentAsByteArray();
        if (body.length == 0 || FhirFormat.ofContentType(contentType).orElse(null) != FhirFormat.JSON) {
            buffered.copyBodyToResponse();
            return;
        }
        IBaseResource resource;
        try {
            resource = FhirParsing.context().newJsonParser().parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Not a FHIR resource after all: better the answer as written than none.
            log.warn(
                    "Answered {} in JSON although XML was asked for: the body is not a FHIR resource ({})",
                    request.getRequestURI(),
                    e.getMessage());
            buffered.copyBodyToResponse();
            return;
        }
        buffered.resetBuffer();
        byte[] xml = FhirParsing.context()
                .newXmlParser()
                .encodeResourceToString(resource)
                .getBytes(StandardCharsets.UTF_8);
        buffered.setContentType(FhirFormat.XML.mediaType() + ";charset=UTF-8");
        buffered.getOutputStream().write(xml);
        buffered.copyBodyToResponse();
    }

    /**
     * The format a client asked for: {@code _format} if given, else the first FHIR or generic JSON/XML media type in
     * {@code Accept} (by quality); empty when it states no preference the hub recognises.
     */
    static Optional<FhirFormat> asked(@Nullable String formatParameter, @Nullable String accept) {
        if (formatParameter != null && !formatParameter.isBlank()) {
            String value = formatParameter.trim().toLowerCase(Locale.ROOT);
            switch (value) {
                case "json":
                    return Optional.of(FhirFormat.JSON);
                case "xml":
                    return Optional.of(FhirFormat.XML);
                default:
                    return Optional.of(FhirFormat.ofContentType(value)
                            .orElseThrow(() -> new UnsupportedFormat(
                                    "_format '" + formatParameter + "' is not one the hub writes: use json, xml, "
                                            + FhirFormat.JSON.mediaType() + " or " + FhirFormat.XML.mediaType())));
            }
        }
        if (accept == null || accept.isBlank()) {
            return Optional.empty();
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        types = new java.util.ArrayList<>(types);
        types.sort(
                java.util.Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            Optional<FhirFormat> format = FhirFormat.ofContentType(type.getType() + "/" + type.getSubtype());
            if (format.isPresent()) {
                return format;
            }
        }
        return Optional.empty();
    }

    /**
     * The format to answer in when there is no handler to ask (the web container's own refusals): what the client asked
     * for if the request says so readably, else JSON; never a refusal of its own.
     */
    public static FhirFormat preferred(@Nullable String rawQuery, @Nullable String accept) {
        try {
            return asked(rawQuery == null ? null : formatParameter(rawQuery), accept)
                    .orElse(FhirFormat.JSON);
        } catch (RuntimeException unreadable) {
            return FhirFormat.JSON;
        }
    }

    /** {@code _format} read from the raw query, so a form-encoded POST body is left for the handler to read. */
    private static @Nullable String formatParameter(String query) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals("_format")) {
                try {
                    return java.net.URLDecoder.decode(
                            equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedFormat("_format could not be decoded: " + e.getMessage());
                }
            }
        }
        return null;
    }

    private static void write(HttpServletResponse response, int status, FhirFormat format, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(format.mediaType() + ";charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A {@code _format} naming something other than FHIR JSON or XML. */
    private static final class UnsupportedFormat extends RuntimeException {
        UnsupportedFormat(String message) {
            super(message);
        }
    }
}
