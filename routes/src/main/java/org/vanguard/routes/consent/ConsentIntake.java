package org.vanguard.routes.consent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.vanguard.governance.consent.ConsentRecord;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.validation.FastProfileValidator;
import org.vanguard.routes.intake.MessageFacts;
import org.vanguard.routes.record.RecordKey;
import org.vanguard.routes.record.RecordRepository;
import org.vanguard.routes.record.SharedRecord;

/**
 * A patient's privacy choice, by {@code POST /fhir/Consent} or in a {@code consent-update} message: checked
 * (the hub's Consent profile, then the consent model) and kept before the answer, so every decision taken
 * after the answer honours it, a withdrawal included. The hub keeps Consents; it does not forward them.
 */
@Component
public class ConsentIntake {

    private final ConsentRepository consents;
    private static final FastProfileValidator PROFILES = FastProfileValidator.standard();

    private final ConsentReader reader = new ConsentReader();

    private final FhirParsing parsing;

    private final RecordRepository records;

    public ConsentIntake(ConsentRepository consents, FhirParsing parsing, RecordRepository records) {
        this.consents = consents;
        this.parsing = parsing;
        this.records = records;
    }

    /** A Consent that has passed every check, with its model, ready to be kept. */
    public record Checked(Consent consent, ConsentRecord record) {}

    public ConsentRecord accept(byte[] body, String contentType, OdsCode sender) {
        return keep(check(body, contentType, sender));
    }

    /** Keeps a checked Consent (for a caller that decides first whether to keep it: conditional create, If-Match). */
    public ConsentRecord keep(Checked checked) {
        return keep(checked.consent(), checked.record());
    }

    /** Parses and checks a Consent (the hub's profile, then the consent model) without keeping it. */
    public Checked check(byte[] body, String contentType, OdsCode sender) {
        Resource resource = parsing.parse(body, contentType);
        if (!(resource instanceof Consent consent)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid(resource.fhirType(), "expected a Consent, got a " + resource.fhirType()));
        }
        List<InputIssue> profileIssues = PROFILES.validate(consent);
        if (!profileIssues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, profileIssues);
        }
        return new Checked(
                consent, reader.read(consent, "Consent", sender, reference -> sharedPatient(sender, reference)));
    }

    /**
     * The Consents of a consent-update message, kept before the hub answers "accepted"; the message has
     * already passed the message rules and profiles, so only the consent model's own checks remain.
     */
    public List<ConsentRecord> acceptFromMessage(MessageFacts facts) {
        // Every Consent is read (and may be refused) before any is kept: a message is kept whole or not at all.
        Map<Consent, ConsentRecord> read = new LinkedHashMap<>();
        List<Bundle.BundleEntryComponent> entries = facts.content().bundle().getEntry();
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).getResource() instanceof Consent consent) {
                read.put(
                        consent,
                        reader.read(
                                consent,
                                "Bundle.entry[" + i + "].resource",
                                facts.sender(),
                                reference -> Optional.of(facts.patient())));
            }
        }
        read.forEach(this::keep);
        return List.copyOf(read.values());
    }

    /**
     * A relative or absolute reference to a Patient ({@code Patient/{id}}, as FHIR REST writes it) names the Patient the
     * sender shared with the hub under that logical id: its NHS number is the one the hub holds for it.
     */
    private Optional<NhsNumber> sharedPatient(OdsCode sender, String reference) {
        IdType id = new IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
            return Optional.empty();
        }
        return records.held(new RecordKey(sender, "Patient", id.getIdPart())).map(SharedRecord::patient);
    }

    private ConsentRecord keep(Consent consent, ConsentRecord record) {
        Consent stored = consent.copy();
        stored.setId(record.id().substring(record.id().indexOf('/') + 1));
        if (!stored.getPatient().getIdentifier().hasValue()) {
            // Kept with the NHS number it was resolved to, beside the sender's reference: read back, it names its
            // patient.
            stored.getPatient()
                    .setIdentifier(new Identifier()
                            .setSystem(NhsNumber.SYSTEM)
                            .setValue(record.patient().value()));
        }
        consents.save(record, FhirParsing.toJson(stored));
        return record;
    }
}
