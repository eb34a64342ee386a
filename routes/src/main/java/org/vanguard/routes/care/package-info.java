/**
 * Care relationships learnt from the data itself: a Patient's registered GP practice, a care home sending
 * its resident's record. Direct care needs such a relationship, so the hub records it as messages arrive.
 */
@NullMarked
package org.vanguard.routes.care;

import org.jspecify.annotations.NullMarked;
