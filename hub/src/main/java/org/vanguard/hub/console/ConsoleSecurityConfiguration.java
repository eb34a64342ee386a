package org.vanguard.hub.console;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.vanguard.hub.security.AccountAuthentication;

/**
 * The console's port, deny by default: the sign-in page and the console's own stylesheet and scripts are open; every
 * page needs a signed-in person, the IG pages an IG officer (anyone else gets the 403 page); the API paths are never
 * served here, whoever asks. People sign in with a form against the local accounts (the same lockout and hashes as
 * the admin API); the session cookie is Secure, HttpOnly and SameSite=Lax ({@code server.servlet.session.cookie}; Lax, not Strict, because the OpenID provider's redirect back is a cross-site navigation that must carry the session; cross-site POSTs still carry no cookie),
 * every form carries a CSRF token, and the Content-Security-Policy allows no inline script, style or frame.
 *
 * <p>When an OpenID Connect provider is configured ({@code spring.security.oauth2.client.registration.*}), people
 * may sign in through it instead: the authorization code flow with PKCE, the ID token's signature checked against
 * the provider's published keys, and the roles taken from a claim as {@link ConsoleOidcProperties} maps them.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    /** No inline script or style, nothing from elsewhere, never framed (OWASP clickjacking defence). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    /** Where the console sends a browser to its OpenID provider ({@code /{registrationId}} follows). */
    public static final String OIDC_AUTHORIZATION = "/console/oidc/authorization";

    /** Where the provider sends the browser back with the code; the registration's redirect URI must point here. */
    public static final String OIDC_CALLBACK = "/console/oidc/code/*";

    /** Pages for IG officers. */
    static final String[] IG_PAGES = {
        "/console/agreements",
        "/console/agreements/**",
        "/console/what-if",
        "/console/what-if/**",
        "/console/audit",
        "/console/audit/**",
        "/console/audit.csv",
        "/console/reviews",
        "/console/reviews/**",
        "/console/disclosures",
        "/console/disclosures/**",
        "/console/disclosures.pdf",
        "/console/objections",
        "/console/objections/**"
    };

    /** Pages for operators (and IG officers, who may do what an operator does, as on the admin API). */
    static final String[] OPERATOR_PAGES = {"/console/operations", "/console/operations/**"};

    /** Pages for MDT members: their caseload and their patients' shared records. */
    static final String[] MDT_PAGES = {"/console/mdt", "/console/mdt/**"};

    /** The flows dashboard, for IG officers and operators. */
    static final String[] DASHBOARD_PAGES = {"/console/dashboard", "/console/dashboard/**"};

    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurity(
            HttpSecurity http,
            ConsoleConnector connector,
            AccountAuthentication accounts,
            ConsoleSignIns signIns,
            ObjectProvider<ClientRegistrationRepository> oidcProviders,
            ConsoleOidcProperties oidc)
            throws Exception {
        ClientRegistrationRepository providers = oidcProviders.getIfAvailable();
        if (providers != null) {
            DefaultOAuth2AuthorizationRequestResolver withPkce =
                    new DefaultOAuth2AuthorizationRequestResolver(providers, OIDC_AUTHORIZATION);
            withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(login -> login.loginPage("/console/sign-in")
                    .clientRegistrationRepository(providers)
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                    .redirectionEndpoint(endpoint -> endpoint.baseUri(OIDC_CALLBACK))
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcPeople(oidc)))
                    .successHandler(signIns)
                    .failureHandler(signIns));
        }
        return http.securityMatcher(request -> request.getLocalPort() == connector.port())
                .authenticationProvider(accounts)
                .authorizeHttpRequests(
                        requests -> requests.dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR)
                                .permitAll()
                                .requestMatchers("/console/sign-in", "/console/assets/**", "/webjars/**")
                                .permitAll()
                                .requestMatchers(
                                        "/fhir/**",
                                        "/mailbox/**",
                                        "/pseudonyms/**",
                                        "/.well-known/**",
                                        "/admin",
                                        "/admin/**",
                                        "/actuator/**")
                                .denyAll()
                                .requestMatchers(IG_PAGES)
                                .hasRole("IG_OFFICER")
                                .requestMatchers(OPERATOR_PAGES)
                                .hasAnyRole("OPERATOR", "IG_OFFICER")
                                .requestMatchers(MDT_PAGES)
                                .hasRole("MDT_MEMBER")
                                .requestMatchers(DASHBOARD_PAGES)
                                .hasAnyRole("IG_OFFICER", "OPERATOR")
                                .requestMatchers("/", "/console", "/console/**")
                                .authenticated()
                                .anyRequest()
                                .denyAll())
                .formLogin(form -> form.loginPage("/console/sign-in")
                        .loginProcessingUrl("/console/sign-in")
                        .successHandler(signIns)
                        .failureHandler(signIns)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/sign-out")
                        .addLogoutHandler(signIns)
                        .logoutSuccessUrl("/console/sign-in?signed-out")
                        .deleteCookies("HUB_CONSOLE"))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage("/console/denied"))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .httpBasic(basic -> basic.disable())
                .build();
    }
}
