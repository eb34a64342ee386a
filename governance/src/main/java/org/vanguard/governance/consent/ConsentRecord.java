package org.vanguard.governance.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;

/**
 * A patient's privacy Consent as the hub keeps it. {@code root} is {@code Consent.provision}: its type is
 * the base decision, its nested provisions the exceptions.
 *
 * @param id the Consent's id as the sender gave it (or the hub's, if none), quoted in explanations
 * @param dateTime when the choice was recorded ({@code Consent.dateTime}); the latest supersedes
 * @param recordedBy the participant that sent it
 */
public record ConsentRecord(
        String id,
        NhsNumber patient,
        ConsentState state,
        Instant dateTime,
        Optional<OdsCode> recordedBy,
        ConsentProvision root) {

    public ConsentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(recordedBy, "recordedBy");
        Objects.requireNonNull(root, "root");
    }

    public boolean isActive() {
        return state == ConsentState.ACTIVE;
    }

    /**
     * What a sender should know about how the hub will read this Consent, where it reads less than the sender may
     * expect: a root that states no permit or deny, a provision limited to purposes of use the hub does not serve.
     */
    public List<String> remarks() {
        List<String> remarks = new ArrayList<>();
        if (root.type() == ConsentAction.UNSTATED) {
            remarks.add(
                    root.provisions().isEmpty()
                            ? "Consent.provision.type: it states no permit or deny and has no nested provision, so it changes no "
                                    + "sharing decision; the hub keeps it as a record of the patient's choice under its policy"
                            : "Consent.provision.type: its root states no permit or deny, so where none of its nested provisions "
                                    + "applies it decides nothing");
        }
        remarkOtherPurposes(root, remarks);
        return List.copyOf(remarks);
    }

    private static void remarkOtherPurposes(ConsentProvision provision, List<String> remarks) {
        if (provision.purposes().isEmpty() && !provision.otherPurposes().isEmpty()) {
            remarks.add("Consent." + provision.path() + ".purpose: limited to purposes of use the hub does not serve ("
                    + String.join(", ", new TreeSet<>(provision.otherPurposes()))
                    + "), so it applies to no exchange through the hub");
        }
        provision.provisions().forEach(nested -> remarkOtherPurposes(nested, remarks));
    }
}
