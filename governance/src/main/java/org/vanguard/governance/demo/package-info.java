/** Synthetic traffic built from the demo vanguard's message, for the crash test and the load harness. */
package org.vanguard.governance.demo;
