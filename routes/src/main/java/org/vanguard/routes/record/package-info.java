/**
 * The shared record store: the latest version of each Patient and CarePlan per source, kept as dispatch
 * processes each message, so that queries can answer from it and an update older than what the hub holds
 * is refused instead of overwriting newer data at its recipients.
 */
@NullMarked
package org.vanguard.routes.record;

import org.jspecify.annotations.NullMarked;
