/**
 * Categories of sensitive information withheld by default from shared records in England, and the
 * security labels that mark them. Agreement and consent must both allow a category before it is shared.
 */
@NullMarked
package org.vanguard.governance.sensitivity;

import org.jspecify.annotations.NullMarked;
