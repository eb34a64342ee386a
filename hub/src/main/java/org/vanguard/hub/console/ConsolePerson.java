package org.vanguard.hub.console;

import java.util.stream.Collectors;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.Role;

/**
 * The signed-in person as the layout shows them: their name, their roles in words, and which parts of the console
 * their roles open (the pages check again; this only decides which links to show).
 */
public record ConsolePerson(String name, String roles, boolean igOfficer, boolean operator, boolean mdtMember) {

    public static ConsolePerson of(AuthenticatedOfficer person) {
        String name = person.subject().startsWith("user:") ? person.subject().substring(5) : person.subject();
        return new ConsolePerson(
                name,
                person.roles().stream().sorted().map(Role::label).collect(Collectors.joining(", ")),
                person.holds(Role.IG_OFFICER),
                person.holds(Role.OPERATOR),
                person.holds(Role.MDT_MEMBER));
    }
}
