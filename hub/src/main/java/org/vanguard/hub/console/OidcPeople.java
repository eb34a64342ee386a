package org.vanguard.hub.console;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.hub.security.Roles;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.Role;
import org.vanguard.hub.web.SignedInPerson;

/**
 * Turns a person the OpenID provider vouched for (its ID token's signature, issuer, audience and nonce already checked
 * by Spring Security) into a console user: their roles come only from the configured claim values
 * ({@link ConsoleOidcProperties#roles()}), never from the hub's local accounts, and a person with no mapped role, or
 * an MDT member without a team, is refused at sign-in. The audit names them {@code oidc:<name>@<issuer host>}, so
 * two providers' "jsmith" stay two people.
 */
final class OidcPeople implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** The error a refused sign-in carries to the failure handler. */
    static final String NO_ROLE = "no_hub_role";

    private static final Logger log = LoggerFactory.getLogger(OidcPeople.class);

    private final OidcUserService provider = new OidcUserService();
    private final ConsoleOidcProperties properties;

    OidcPeople(ConsoleOidcProperties properties) {
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : claimValues(user.getClaims().get(properties.roleClaim()))) {
            Role role = properties.roles().get(value);
            if (role != null) {
                roles.add(role);
            }
        }
        String name = Optional.ofNullable(user.getClaimAsString(properties.nameClaim()))
                .filter(n -> !n.isBlank())
                .orElse(user.getSubject());
        String issuer = Objects.requireNonNull(
                request.getClientRegistration().getProviderDetails().getIssuerUri(), "issuer");
        String subject =
                "oidc:" + name + "@" + issuer.replaceFirst("^https?://", "").replaceFirst("[/:].*$", "");
        if (roles.isEmpty()) {
            log.info(
                    "OpenID sign-in refused for {}: no '{}' value maps to a hub role", subject, properties.roleClaim());
            throw refused(subject, "your organisation's sign-in gives you no role in the hub");
        }
        Optional<OdsCode> team = Optional.empty();
        if (roles.contains(Role.MDT_MEMBER)) {
            try {
                team = Optional.of(
                        OdsCode.of(Objects.requireNonNullElse(user.getClaimAsString(properties.mdtClaim()), "")));
            } catch (IllegalArgumentException e) {
                log.info(
                        "OpenID sign-in refused for {}: an MDT member without a valid '{}' claim: {}",
                        subject,
                        properties.mdtClaim(),
                        e.getMessage());
                throw refused(subject, "your organisation's sign-in names no MDT team for you");
            }
        }
        return new Person(user, new AuthenticatedOfficer(subject, roles, team));
    }

    private static Refused refused(String subject, String why) {
        return new Refused(subject, why);
    }

    /** A person the provider vouched for but the hub does not let in; the audit records who it was. */
    static final class Refused extends OAuth2AuthenticationException {

        private static final long serialVersionUID = 1L;

        private final String subject;

        Refused(String subject, String why) {
            super(new OAuth2Error(NO_ROLE, why, null), why);
            this.subject = subject;
        }

        String subject() {
            return subject;
        }
    }

    private static Collection<String> claimValues(@Nullable Object claim) {
        Set<String> values = new LinkedHashSet<>();
        if (claim instanceof Collection<?> many) {
            many.forEach(v -> values.add(String.valueOf(v)));
        } else if (claim instanceof String one) {
            values.add(one);
        }
        return values;
    }

    /** The signed-in person: the provider's ID token and user info, with the hub's roles as authorities. */
    static final class Person extends DefaultOidcUser implements SignedInPerson {

        private static final long serialVersionUID = 1L;

        private final AuthenticatedOfficer officer;

        Person(OidcUser user, AuthenticatedOfficer officer) {
            super(Roles.authorities(officer.roles()), user.getIdToken(), user.getUserInfo());
            this.officer = officer;
        }

        @Override
        public AuthenticatedOfficer officer() {
            return officer;
        }

        @Override
        public String getName() {
            return officer.subject();
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Person that && super.equals(that) && officer.equals(that.officer);
        }

        @Override
        public int hashCode() {
            return super.hashCode() * 31 + officer.hashCode();
        }
    }
}
