/**
 * Throughput of the policy decision (agreement, relationship, objections, Consent, minimisation) against a
 * vanguard-sized world held in HashMap-backed ports, because every recipient and resource type of every
 * message is decided on the dispatch path.
 */
package org.vanguard.bench.decision;
