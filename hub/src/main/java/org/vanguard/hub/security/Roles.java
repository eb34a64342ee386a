package org.vanguard.hub.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.vanguard.hub.web.Role;

/** A person's roles as Spring Security authorities: {@code ROLE_IG_OFFICER}, {@code ROLE_OPERATOR}, {@code ROLE_MDT_MEMBER}. */
public final class Roles {

    private Roles() {}

    public static List<GrantedAuthority> authorities(Collection<Role> roles) {
        return roles.stream()
                .sorted()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(authority(r)))
                .toList();
    }

    /** The authority that {@code hasRole(role.name())} checks. */
    public static String authority(Role role) {
        return "ROLE_" + role.name();
    }
}
