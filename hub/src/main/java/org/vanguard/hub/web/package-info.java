/**
 * HTTPS endpoints: FHIR messaging intake, the participant's mailbox and the admin API. Callers are
 * known by their client certificate; every client mistake is answered with a 4xx OperationOutcome.
 */
package org.vanguard.hub.web;
