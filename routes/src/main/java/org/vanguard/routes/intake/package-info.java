/**
 * Intake: authenticate, parse, check and durably queue a sender's message before the hub answers
 * "accepted", because from that answer on the hub owns the message.
 */
@NullMarked
package org.vanguard.routes.intake;

import org.jspecify.annotations.NullMarked;
