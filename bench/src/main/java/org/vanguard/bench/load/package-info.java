/**
 * A load harness that drives a running hub over mutual-TLS HTTPS with concurrent senders and prints
 * throughput and latency percentiles. Run by hand against a hub started with the bare pipeline enabled; see
 * the README's "Measured figures" for the command.
 */
package org.vanguard.bench.load;
