/**
 * Delivery after dispatch: pushing each waiting delivery to a participant's registered FHIR endpoint, in
 * order and with retry until its time to live runs out, dead-lettering with a non-delivery notice to the
 * sender, recipients' acknowledgements by FHIR response message, and replays decided again against
 * today's agreements and Consent. The ports here (endpoints, ledger, dead letters, mailbox access) are
 * implemented by the hub on its database and broker.
 */
@NullMarked
package org.vanguard.routes.delivery;

import org.jspecify.annotations.NullMarked;
