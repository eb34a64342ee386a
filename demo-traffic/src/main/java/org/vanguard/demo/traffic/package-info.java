/**
 * Synthetic traffic built from the demo vanguard's care plan message, for the load harness and the crash and
 * back-pressure tests; a module of its own, so that no production jar carries it.
 */
package org.vanguard.demo.traffic;
