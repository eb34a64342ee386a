package org.vanguard.hub.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The headers every answer on every port carries, set before anything else runs so refusals carry them too: HSTS on
 * HTTPS, so a client never falls back to plain HTTP; {@code nosniff}, so a body is never read as another type; {@code
 * Cache-Control: no-store}, since nearly every answer carries patient or admin data and none may rest in a cache (NHS
 * data security standard). On the providers' API port, and on the container's own error answers, also a content
 * security policy that allows nothing, no framing and no referrer ({@link #apply(HttpServletResponse, boolean)}); the
 * console's port takes its policy from its own security chain, since it serves pages.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {

    /** The API's policy: nothing it answers is a page, so a browser may load, frame or refer nothing from it. */
    public static final String API_CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

    /** Every header, the API's policy included: for the container's own error answers ({@link FhirErrorReportValve}). */
    static void apply(HttpServletResponse response, boolean secure) {
        transport(response, secure);
        response.setHeader("Content-Security-Policy", API_CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }

    private static void transport(HttpServletResponse response, boolean secure) {
        if (secure) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }

    /** The providers' API port (the main server's), once bound; the console's connector has a port of its own. */
    private volatile int apiPort = -1;

    @org.springframework.context.event.EventListener
    void bound(org.springframework.boot.web.server.context.WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            apiPort = event.getWebServer().getPort();
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getLocalPort() == apiPort) {
            apply(response, request.isSecure());
        } else {
            transport(response, request.isSecure());
        }
        chain.doFilter(request, response);
    }
}
