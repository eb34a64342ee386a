/**
 * Agreements beyond their files: the change log of approvals, suspensions and terminations on the database,
 * the FHIR {@code Contract} export for exchanging an agreement with other systems, and the care-model
 * templates a vanguard tailors into its own agreements. FHIR mapping lives here because governance knows no HAPI.
 */
package org.vanguard.hub.agreement;
