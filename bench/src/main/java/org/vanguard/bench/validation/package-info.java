/**
 * JMH benchmarks of validation: the fast path that checks the hub's profiles on every message against
 * HAPI's full validator over the same profiles, in resources per second on one thread.
 */
package org.vanguard.bench.validation;
