/**
 * The organisations and care teams that take part in a vanguard, identified by their ODS codes, because
 * every agreement, certificate and mailbox is bound to one of them.
 */
@NullMarked
package org.vanguard.governance.participant;

import org.jspecify.annotations.NullMarked;
