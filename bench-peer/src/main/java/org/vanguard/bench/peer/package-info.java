/** The HAPI FHIR JPA server the hub's peer benchmark compares it with (#14). */
package org.vanguard.bench.peer;
