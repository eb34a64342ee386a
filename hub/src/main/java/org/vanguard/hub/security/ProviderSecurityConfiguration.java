package org.vanguard.hub.security;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.pki.CertificateRegistry;
import org.vanguard.hub.web.SecurityHeaders;

/**
 * The providers' mutual-TLS port, deny by default: participant systems by their certificate on the FHIR API,
 * mailboxes, pseudonyms and the hub's published keys; people on the admin API by role; nothing else. Stateless: no
 * session is created or read here, so a console session cookie opens nothing on this port. The management port
 * (health and metrics on localhost, no TLS) keeps its own open chain, as before the hub had Spring Security.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class ProviderSecurityConfiguration {

    /** Paths only participant systems may call. */
    static final String[] PARTICIPANT_PATHS = {
        "/fhir/**", "/mailbox/**", "/pseudonyms/**", "/.well-known/**", "/bench/**"
    };

    @Bean
    @Order(1)
    SecurityFilterChain managementSecurity(HttpSecurity http, HubPorts ports) throws Exception {
        return http.securityMatcher(request -> ports.management() > 0 && request.getLocalPort() == ports.management())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                // Nothing on this port is a page: a policy that allows nothing, no framing, no referrer.
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(SecurityHeaders.API_CONTENT_SECURITY_POLICY))
                        .frameOptions(frames -> frames.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter
                                        .ReferrerPolicy.NO_REFERRER)))
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain providerSecurity(
            HttpSecurity http,
            CertificateRegistry registry,
            ParticipantDirectory participants,
            AccountAuthentication accounts,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers)
            throws Exception {
        CertificateCallers certificates = new CertificateCallers(participants);
        OperationOutcomeRefusals refusals = new OperationOutcomeRefusals();
        AuthenticationFilter callers =
                new AuthenticationFilter(new ProviderManager(certificates, accounts), new CallerCredentials(registry));
        callers.setFailureHandler(new AuthenticationEntryPointFailureHandler(refusals));
        callers.setSuccessHandler((request, response, authentication) -> {});
        return http.addFilterAt(callers, X509AuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(PARTICIPANT_PATHS)
                        .access(new ParticipantsOnly(certificates))
                        .requestMatchers("/admin", "/admin/**")
                        .access(new AdminRoles(handlers))
                        .anyRequest()
                        .denyAll())
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .build();
    }
}
