/**
 * Dispatch: find who should receive an accepted message, decide each recipient and resource type with
 * governance, audit every decision and put each permitted delivery in its recipient's mailbox.
 */
@NullMarked
package org.vanguard.routes.dispatch;

import org.jspecify.annotations.NullMarked;
