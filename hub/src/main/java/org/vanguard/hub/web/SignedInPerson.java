package org.vanguard.hub.web;

/**
 * A principal that stands for a person signed in some other way than a certificate or a local account (through the
 * organisation's OpenID Connect provider, say), and knows which {@link AuthenticatedOfficer} the hub treats them as.
 */
public interface SignedInPerson {

    AuthenticatedOfficer officer();
}
