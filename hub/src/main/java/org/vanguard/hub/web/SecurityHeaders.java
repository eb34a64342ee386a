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
 * The headers every answer carries, set before anything else runs so refusals carry them too: HSTS on HTTPS, so a
 * client never falls back to plain HTTP; {@code nosniff}, so a body is never read as another type; {@code
 * Cache-Control: no-store}, since nearly every answer carries patient or admin data and none may rest in a cache
 * (NHS data security standard); and for anything a browser might render, a CSP that allows nothing, no framing and no
 * referrer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SecurityHeaders extends OncePerRequestFilter {

    /** The headers, shared with the container's own error answers ({@link FhirErrorReportValve}). */
    static void apply(HttpServletResponse response, boolean secure) {
        if (secure) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        apply(response, request.isSecure());
        chain.doFilter(request, response);
    }
}
