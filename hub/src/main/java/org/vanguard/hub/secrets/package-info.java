/**
 * The hub's secrets outside the demo: the passwords that encrypt the CA key, the server key and the participants'
 * keystores come from the environment (or a Spring config tree of secret files), never from the jar; the demo's fixed
 * passwords live in the {@code demo} profile only, and a start outside it with a demo or empty secret is refused.
 */
@ApplicationModule(displayName = "Secrets")
@NullMarked
package org.vanguard.hub.secrets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
