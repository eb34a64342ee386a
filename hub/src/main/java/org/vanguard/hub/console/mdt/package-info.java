/**
 * The console's pages for MDT members: the team's caseload with each patient's latest shared Patient and CarePlan and
 * what is unread, and one patient's shared record rendered for a clinician with where each record came from and its
 * versions. Every view is decided as the team's direct-care (TREAT) query through the same decisions as the query API
 * ({@code routes.dispatch.RecipientDecisions}), audited with the person who looked; break-glass (BTG) with a coded
 * and stated reason opens what an objection withholds and lands in the IG officers' review queue.
 */
@NullMarked
package org.vanguard.hub.console.mdt;

import org.jspecify.annotations.NullMarked;
