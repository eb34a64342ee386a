/**
 * Builds governance from configuration: the participants and agreements files, the decision engine and
 * the clock it reads, so that governance itself stays free of Spring.
 */
package org.vanguard.hub.governance;
