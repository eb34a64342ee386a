/** The review queue of emergency overrides, on the hub's database, and its admin API view. */
@ApplicationModule(displayName = "Override reviews")
@NullMarked
package org.vanguard.hub.review;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
