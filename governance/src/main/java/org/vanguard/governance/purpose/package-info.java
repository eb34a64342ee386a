/**
 * Purposes of use. Every flow and every query declares one, because agreements, legal bases and
 * opt-outs all differ by purpose.
 */
@NullMarked
package org.vanguard.governance.purpose;

import org.jspecify.annotations.NullMarked;
