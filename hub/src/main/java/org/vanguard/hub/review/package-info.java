/** The review queue of emergency overrides, on the hub's database, and its admin API view. */
@ApplicationModule(displayName = "Override reviews")
package org.vanguard.hub.review;

import org.springframework.modulith.ApplicationModule;
