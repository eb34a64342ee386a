/**
 * The bare pipeline the load harness compares the hub against: the same durable queue as intake, no
 * enforcement. Present only with {@code hub.bench.bare-pipeline=true}.
 */
@NullMarked
package org.vanguard.routes.bench;

import org.jspecify.annotations.NullMarked;
