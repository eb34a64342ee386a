/**
 * Emergency overrides (ETREAT/BTG over a patient's objection) leave a trace an IG officer must close: an
 * alert at once and an entry in the review queue.
 */
@NullMarked
package org.vanguard.routes.review;

import org.jspecify.annotations.NullMarked;
