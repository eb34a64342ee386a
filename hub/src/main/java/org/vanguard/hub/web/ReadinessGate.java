package org.vanguard.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.vanguard.profiles.fhir.OperationOutcomes;

/**
 * Answers 503 with {@code Retry-After} while the hub is not ready for traffic: Tomcat listens some seconds before
 * the routes and the broker consumers have started, and again while the hub shuts down. Spring Boot's
 * readiness state says when the whole application is up (after every runner), so a request in that window is
 * told to come back, with nothing accepted and nothing logged as the hub's failure.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ReadinessGate extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadinessGate.class);

    /** Seconds a client is asked to wait; starting takes a few. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ApplicationAvailability availability;

    public ReadinessGate(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            chain.doFilter(request, response);
            return;
        }
        log.info(
                "Refused {} {} while the hub is not ready for traffic (503, retry after {} s)",
                request.getMethod(),
                request.getRequestURI(),
                RETRY_AFTER_SECONDS);
        byte[] body = FhirResponses.body(OperationOutcomes.transientFailure(
                        "the hub is starting or stopping and is not taking requests; nothing was accepted, try again in "
                                + RETRY_AFTER_SECONDS + " seconds"))
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setContentType(FhirResponses.FHIR_JSON.toString());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
