/**
 * The bare pipeline the load harness compares the hub against: the same HTTPS, parsing and durable queue,
 * without validation against the hub's rules, governance, redaction, signing or dispatch. Off unless
 * {@code hub.bench.bare-pipeline=true}; never enable it on a hub that holds real records.
 */
package org.vanguard.hub.bench;
