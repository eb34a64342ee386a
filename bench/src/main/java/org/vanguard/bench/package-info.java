/**
 * JMH benchmarks of the hub's hot paths. Speed is measured here, never asserted in a unit test; the
 * README quotes these figures with the command that produced them.
 */
package org.vanguard.bench;
