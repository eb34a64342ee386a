package org.vanguard.routes.delivery;

import java.net.URI;
import java.util.Optional;
import org.vanguard.governance.participant.OdsCode;

/** Port to the register of participants' FHIR endpoints; the hub keeps it in its database. */
public interface PushEndpoints {

    /** The FHIR base URL the participant registered; empty when it collects from its mailbox instead. */
    Optional<URI> endpointOf(OdsCode participant);
}
