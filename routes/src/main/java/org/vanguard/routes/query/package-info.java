/**
 * Query: a participant asks for a patient's shared record for a stated purpose, and receives what it would
 * have been sent had each source pushed it that record for that purpose, decided, minimised and audited the same way.
 */
@NullMarked
package org.vanguard.routes.query;

import org.jspecify.annotations.NullMarked;
