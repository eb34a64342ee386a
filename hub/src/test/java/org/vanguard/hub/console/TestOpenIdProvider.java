package org.vanguard.hub.console;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * A real OpenID Connect provider for the console's sign-in tests: Spring Authorization Server on its own embedded
 * Tomcat (plain HTTP on a free port), with discovery, the authorization endpoint behind its own sign-in form, the
 * token endpoint, and ID tokens signed with a fresh RSA key published at its JWKS endpoint. The hub is its one client,
 * a confidential client that must use PKCE. Its people carry their groups (and an MDT member their team) in the ID
 * token, as an NHS organisation's directory would.
 */
final class TestOpenIdProvider implements AutoCloseable {

    static final String CLIENT_ID = "vanguard-hub-console";
    static final String CLIENT_SECRET = "a test client secret of some length";

    private static Supplier<String> redirectUri;

    private final AnnotationConfigServletWebServerApplicationContext context;

    private TestOpenIdProvider(AnnotationConfigServletWebServerApplicationContext context) {
        this.context = context;
    }

    /**
     * Starts the provider; {@code redirect} gives the one redirect URI the hub's console may ask for, read when the
     * console asks (the console's port is known only once the hub has started, after its provider).
     */
    static TestOpenIdProvider start(Supplier<String> redirect) {
        redirectUri = redirect;
        AnnotationConfigServletWebServerApplicationContext context =
                new AnnotationConfigServletWebServerApplicationContext();
        context.register(Provider.class);
        context.refresh();
        return new TestOpenIdProvider(context);
    }

    /** The issuer, as discovery publishes it: {@code http://localhost:<port>}. */
    String issuer() {
        return "http://localhost:" + context.getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }

    /** Registered by {@link #start} only: not a {@code @Configuration}, so the hub's component scan never picks it up. */
    @EnableWebSecurity
    static class Provider {

        @Bean
        TomcatServletWebServerFactory webServer() {
            return new TomcatServletWebServerFactory(0);
        }

        /** Tomcat runs filters only for a request some servlet is mapped to; the provider's endpoints are filters. */
        @Bean
        DispatcherServlet dispatcherServlet() {
            return new DispatcherServlet();
        }

        @Bean
        @Order(1)
        SecurityFilterChain endpoints(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> {
                http.securityMatcher(server.getEndpointsMatcher());
                server.oidc(Customizer.withDefaults());
            });
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)))
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            return http.securityMatcher("/login", "/logout", "/default-ui.css")
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        /** The directory: an IG officer, an MDT member with her team, and a member of staff with no hub group. */
        @Bean
        UserDetailsService people() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("irene.ig")
                            .password("{noop}irene's password")
                            .authorities("GROUP_hub-ig-officers", "GROUP_all-staff")
                            .build(),
                    User.withUsername("mona.mdt")
                            .password("{noop}mona's password")
                            .authorities("GROUP_hub-mdt", "TEAM_MDT01")
                            .build(),
                    User.withUsername("sam.staff")
                            .password("{noop}sam's password")
                            .authorities("GROUP_all-staff")
                            .build());
        }

        /** The hub's console: a confidential client that must use PKCE, with one redirect URI. */
        @Bean
        RegisteredClientRepository clients() {
            String id = UUID.randomUUID().toString();
            return new RegisteredClientRepository() {
                private volatile RegisteredClient client;

                /** The provider saves the client back after authenticating it (re-encoding its secret). */
                @Override
                public void save(RegisteredClient saved) {
                    client = saved;
                }

                @Override
                public RegisteredClient findById(String wanted) {
                    return id.equals(wanted) ? console() : null;
                }

                @Override
                public RegisteredClient findByClientId(String wanted) {
                    return CLIENT_ID.equals(wanted) ? console() : null;
                }

                private RegisteredClient console() {
                    if (client == null) {
                        client = build();
                    }
                    return client;
                }

                private RegisteredClient build() {
                    return RegisteredClient.withId(id)
                            .clientId(CLIENT_ID)
                            .clientSecret("{noop}" + CLIENT_SECRET)
                            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri(redirectUri.get())
                            .scope(OidcScopes.OPENID)
                            .clientSettings(ClientSettings.builder()
                                    .requireProofKey(true)
                                    .requireAuthorizationConsent(false)
                                    .build())
                            .build();
                }
            };
        }

        /** The person's groups, team and username go into the ID token, where the hub reads them. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims() {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    return;
                }
                List<String> authorities = context.getPrincipal().getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList();
                context.getClaims()
                        .claim("preferred_username", context.getPrincipal().getName());
                context.getClaims()
                        .claim(
                                "groups",
                                authorities.stream()
                                        .filter(a -> a.startsWith("GROUP_"))
                                        .map(a -> a.substring(6))
                                        .toList());
                authorities.stream()
                        .filter(a -> a.startsWith("TEAM_"))
                        .findFirst()
                        .ifPresent(team -> context.getClaims().claim("mdt", team.substring(5)));
            };
        }

        @Bean
        JWKSource<SecurityContext> signingKeys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return NimbusJwtDecoder.withJwkSource(keys).build();
        }

        @Bean
        AuthorizationServerSettings settings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
