package org.vanguard.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;

/**
 * The admin API's rule, enforced before any handler runs: the caller is a person (an IG officer's certificate or a
 * signed-in account), and holds one of the roles the handler's {@link RequiresRole} names (on the method, else on
 * its controller; IG officer when absent, so an endpoint nobody thought about is closed, and so is an admin path no
 * handler serves). An MDT member allowed only as such is held to their own MDT by the parameter
 * {@link RequiresRole#mdtScope()} names. Each refusal says what was missing.
 */
final class AdminRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Set<Role> DEFAULT = EnumSet.of(Role.IG_OFFICER);

    private final ObjectProvider<RequestMappingHandlerMapping> handlers;

    AdminRoles(ObjectProvider<RequestMappingHandlerMapping> handlers) {
        this.handlers = handlers;
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        if (!(caller.getPrincipal() instanceof AuthenticatedOfficer person)) {
            return new Refusal("the admin API is for IG officers, operators and MDT members: sign in with an account "
                    + "(HTTP Basic) or present an IG officer's certificate; " + subject(caller) + " is neither");
        }
        HttpServletRequest request = context.getRequest();
        Optional<RequiresRole> rule = rule(request);
        Set<Role> allowed = rule.map(r -> (Set<Role>) EnumSet.copyOf(Arrays.asList(r.value())))
                .orElse(DEFAULT);
        if (Collections.disjoint(person.roles(), allowed)) {
            return new Refusal("this endpoint needs the role " + words(allowed) + "; " + person.subject() + " holds "
                    + (person.roles().isEmpty() ? "no role" : words(person.roles())));
        }
        if (rule.isPresent() && !rule.get().mdtScope().isEmpty() && onlyAsMdtMember(person, allowed)) {
            String scope = rule.get().mdtScope();
            String mdt = person.mdt().map(m -> m.value()).orElse("(none)");
            String named = request.getParameter(scope);
            if (named == null || !named.trim().toUpperCase(Locale.ROOT).equals(mdt)) {
                return new Refusal("an MDT member sees only their own MDT's records: give " + scope + "=" + mdt
                        + (named == null ? "" : " (not " + named + ")"));
            }
        }
        return new AuthorizationDecision(true);
    }

    /** The handler's rule, found as the DispatcherServlet will find the handler; none for an unknown path. */
    private Optional<RequiresRole> rule(HttpServletRequest request) {
        RequestMappingHandlerMapping mapping = handlers.getIfAvailable();
        if (mapping == null) {
            return Optional.empty();
        }
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            HandlerExecutionChain chain = mapping.getHandler(request);
            if (chain != null && chain.getHandler() instanceof HandlerMethod method) {
                RequiresRole onMethod = method.getMethodAnnotation(RequiresRole.class);
                return Optional.ofNullable(
                        onMethod != null ? onMethod : method.getBeanType().getAnnotation(RequiresRole.class));
            }
            return Optional.empty();
        } catch (Exception e) {
            // No handler for this method and path: the default rule applies and MVC answers 404 or 405 after it.
            return Optional.empty();
        } finally {
            if (previous == null) {
                request.removeAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
            }
        }
    }

    static String subject(Authentication caller) {
        return caller.getDetails() instanceof X509Certificate certificate
                ? certificate.getSubjectX500Principal().getName()
                : caller.getName();
    }

    private static boolean onlyAsMdtMember(AuthenticatedOfficer caller, Set<Role> allowed) {
        return caller.roles().stream().filter(allowed::contains).allMatch(r -> r == Role.MDT_MEMBER);
    }

    private static String words(Set<Role> roles) {
        return roles.stream().sorted().map(Role::label).collect(Collectors.joining(" or "));
    }
}
