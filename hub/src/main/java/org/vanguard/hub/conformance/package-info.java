/**
 * FHIR REST the way standard clients (HAPI's generic client, Node and Python FHIR clients) expect it: the answer in
 * the format asked for ({@code Accept}, {@code _format}), search sets with full URLs, self and next links, paging and
 * {@code _summary}, and the CapabilityStatement and MessageDefinitions that describe exactly what is served, so that
 * a client can be generated from them rather than from the README.
 */
package org.vanguard.hub.conformance;
