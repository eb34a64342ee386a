/**
 * The console: server-rendered pages for people (IG officers first) on their own HTTPS port, over the same
 * services and admin handlers the admin API uses, so a change made in a browser is the same change, audited in the
 * same chain with the person's name. Its own security chain: form sign-in with the local accounts, sessions with
 * Secure, HttpOnly, SameSite=Lax cookies (Lax so an OpenID provider's redirect back carries the session), CSRF on every form and a strict Content-Security-Policy; it serves no
 * API path, and the providers' port never reads its session.
 */
@ApplicationModule(displayName = "Console")
@NullMarked
package org.vanguard.hub.console;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
