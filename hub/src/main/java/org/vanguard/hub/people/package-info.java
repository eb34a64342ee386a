/**
 * People who use the admin API and the console: local accounts with salted, slow (Argon2id) password hashes for the
 * embedded default, sign-in with lockout after repeated failures, the optional bootstrap account, and the admin API
 * that manages accounts. The roles a person holds ({@code web.Role}) and who may call which endpoint
 * ({@code web.RequiresRole}) are declared with the endpoints; this package knows people, not endpoints.
 */
@ApplicationModule(displayName = "People")
@NullMarked
package org.vanguard.hub.people;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
