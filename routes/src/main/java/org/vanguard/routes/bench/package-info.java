/**
 * The bare pipeline the load harness compares the hub against: the same durable queue as intake, no
 * enforcement. Present only with {@code hub.bench.bare-pipeline=true}.
 */
package org.vanguard.routes.bench;
