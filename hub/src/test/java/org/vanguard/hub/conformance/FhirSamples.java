package org.vanguard.hub.conformance;

import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.vanguard.profiles.validation.HubProfiles;

/** Resources the client and conformance tests send, built as a provider system would. */
public final class FhirSamples {

    /** The demo patient, Edith Hartley, as the demo message identifies her. */
    public static final String NHS = "9434765919";

    private FhirSamples() {}

    /** A permitting privacy Consent for the demo patient, identified by {@code identifier} (system urn:ietf:rfc:3986). */
    public static Consent consent(String identifier) {
        Consent consent = new Consent();
        consent.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue(identifier);
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.getScope()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/consentscope")
                .setCode("patient-privacy");
        consent.addCategory().addCoding().setSystem("http://loinc.org").setCode("59284-0");
        consent.getPatient()
                .getIdentifier()
                .setSystem(HubProfiles.NHS_NUMBER_SYSTEM)
                .setValue(NHS);
        consent.setDateTimeElement(new DateTimeType("2026-11-01T10:00:00Z"));
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        consent.getPolicyRule()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode")
                .setCode("OPTIN");
        return consent;
    }
}
