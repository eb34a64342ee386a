package org.vanguard.hub.console;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.vanguard.hub.web.Role;

/**
 * How a person signed in through the organisation's OpenID Connect provider becomes a console user. The provider
 * itself is an ordinary Spring Security client registration ({@code spring.security.oauth2.client.registration.*}
 * with {@code provider.*.issuer-uri}); this says which ID-token claims the hub reads.
 *
 * @param roleClaim the claim holding the person's groups or roles (a list or a single string), e.g. {@code groups}
 * @param roles each claim value the hub honours and the hub role it grants, e.g. {@code hub-ig-officers: ig-officer};
 *     a person with none of them is refused at sign-in
 * @param nameClaim the claim the audit and the console name the person by (falls back to {@code sub})
 * @param mdtClaim the claim holding an MDT member's team (an ODS-style code); an MDT member without it is refused
 */
@ConfigurationProperties("hub.console.oidc")
public record ConsoleOidcProperties(
        @DefaultValue("groups") String roleClaim,
        Map<String, Role> roles,
        @DefaultValue("preferred_username") String nameClaim,
        @DefaultValue("mdt") String mdtClaim) {

    public ConsoleOidcProperties {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }
}
