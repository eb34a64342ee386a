/**
 * People who use the admin API: their roles (IG officer, operator, MDT member), local accounts with salted,
 * slow (Argon2id) password hashes for the embedded default, sign-in with lockout after repeated failures, and
 * the optional bootstrap account. Who may call which endpoint is declared on the endpoint
 * ({@code org.vanguard.hub.web.RequiresRole}); this package knows people, not endpoints.
 */
package org.vanguard.hub.people;
