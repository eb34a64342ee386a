package org.vanguard.hub.web;

/** An IG officer calling the admin API, named by the subject of their client certificate. */
public record AuthenticatedOfficer(String subject) {
}
