package org.vanguard.profiles.message;

import java.util.Arrays;
import java.util.Optional;

/** The events a MessageHeader may carry, and the resource each must contain to mean anything. */
public enum HubEvent {
    PATIENT_UPDATE("patient-update", "Patient", true),
    CAREPLAN_UPDATE("careplan-update", "CarePlan", true),
    CONSENT_UPDATE("consent-update", "Consent", true);

    /** The hub's CodeSystem of message events. */
    public static final String SYSTEM = "https://vanguard-hub.org/fhir/CodeSystem/hub-event";

    private final String code;
    private final String requiredResource;
    private final boolean accepted;

    HubEvent(String code, String requiredResource, boolean accepted) {
        this.code = code;
        this.requiredResource = requiredResource;
        this.accepted = accepted;
    }

    public String code() {
        return code;
    }

    /** The resource type a message of this event must carry. */
    public String requiredResource() {
        return requiredResource;
    }

    /** Whether intake processes this event today; an event may be known before the hub processes it. */
    public boolean accepted() {
        return accepted;
    }

    public static Optional<HubEvent> fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }

    public static String knownCodes() {
        return Arrays.stream(values()).map(HubEvent::code).toList().toString();
    }
}
