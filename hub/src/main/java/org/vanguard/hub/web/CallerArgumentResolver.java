package org.vanguard.hub.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Tells a handler who is calling, as Spring Security authenticated and authorized it before the handler ran
 * ({@code org.vanguard.hub.security}: a participant by the client certificate the TLS handshake verified, a person by
 * an IG officer's certificate or a local account, each allowed by the path and the endpoint's {@link RequiresRole}).
 * The request body never decides who the caller is; a handler asking for a kind of caller the request does not have
 * is refused rather than handed a guess.
 */
@Component
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == AuthenticatedParticipant.class || type == AuthenticatedOfficer.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mav,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Object principal = authentication == null ? null : authentication.getPrincipal();
        if (parameter.getParameterType().isInstance(principal)) {
            return principal;
        }
        if (principal instanceof SignedInPerson person && parameter.getParameterType() == AuthenticatedOfficer.class) {
            return person.officer();
        }
        if (principal == null) {
            throw new CallerNotAllowedException(
                    HttpStatus.UNAUTHORIZED, "a client certificate issued by the hub is required");
        }
        throw new CallerNotAllowedException(
                HttpStatus.FORBIDDEN,
                parameter.getParameterType() == AuthenticatedParticipant.class
                        ? "this endpoint is for participant systems, by their client certificate"
                        : "this endpoint is for IG officers, operators and MDT members");
    }
}
