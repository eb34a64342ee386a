package org.vanguard.routes.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.decision.EmergencyOverride;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.Located;
import org.vanguard.profiles.message.MessageContent;
import org.vanguard.profiles.message.MessageReader;

/**
 * Reads a message and checks its codes with the governance value objects (the NHS number's Modulus 11
 * check digit, ODS codes, the purpose of use), reporting each failure at the element it came from.
 * Without a declared purpose a care-record update is direct care ({@code TREAT}).
 */
public final class MessageFactsReader {

    private final MessageReader reader = new MessageReader();

    public MessageFacts read(Resource resource) {
        MessageContent content = reader.read(resource);
        List<InputIssue> issues = new ArrayList<>();
        OdsCode sender = convert(content.sender(), OdsCode::new, issues);
        NhsNumber patient = convert(content.nhsNumber(), NhsNumber::new, issues);
        Purpose purpose = content.purpose()
                .map(p -> convert(p, Purpose::fromCode, issues))
                .orElse(Purpose.TREAT);
        List<OdsCode> destinations = new ArrayList<>();
        for (Located destination : content.destinations()) {
            OdsCode ods = convert(destination, OdsCode::new, issues);
            if (ods != null && !destinations.contains(ods)) {
                destinations.add(ods);
            }
        }
        List<OdsCode> practices = new ArrayList<>();
        for (Located practice : content.registeredPractices()) {
            OdsCode ods = convert(practice, OdsCode::new, issues);
            if (ods != null && !practices.contains(ods)) {
                practices.add(ods);
            }
        }
        if (!issues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, issues);
        }
        // Each value that could not be converted added an issue, so with none they were all converted.
        return new MessageFacts(
                content,
                Objects.requireNonNull(sender),
                Objects.requireNonNull(patient),
                purpose,
                destinations,
                practices,
                emergency(content, purpose));
    }

    /**
     * An emergency override is a purpose of ETREAT or BTG together with a coded reason in
     * {@code MessageHeader.reason}; without a code there is no override, and objections stand.
     */
    private static Optional<EmergencyOverride> emergency(MessageContent content, Purpose purpose) {
        if (purpose != Purpose.ETREAT && purpose != Purpose.BTG) {
            return Optional.empty();
        }
        MessageHeader header =
                (MessageHeader) content.bundle().getEntryFirstRep().getResource();
        return header.getReason().getCoding().stream()
                .filter(Coding::hasCode)
                .findFirst()
                .map(code -> new EmergencyOverride(
                        code.getCode(),
                        header.getReason().hasText() ? header.getReason().getText() : code.getDisplay(),
                        header.getAuthor().hasDisplay()
                                ? header.getAuthor().getDisplay()
                                : content.sender().value()));
    }

    private static <T> @Nullable T convert(Located located, Function<String, T> constructor, List<InputIssue> issues) {
        try {
            return constructor.apply(located.value());
        } catch (IllegalArgumentException e) {
            issues.add(InputIssue.value(located.location(), e));
            return null;
        }
    }
}
