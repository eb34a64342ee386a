/**
 * How the hub starts: the providers' port takes no connection until the routes and broker consumers are running (the
 * readiness Spring Boot reports once every runner is done), so a sender arriving during start waits in the listen
 * backlog and is answered, instead of being refused.
 */
@NullMarked
package org.vanguard.hub.startup;

import org.jspecify.annotations.NullMarked;
