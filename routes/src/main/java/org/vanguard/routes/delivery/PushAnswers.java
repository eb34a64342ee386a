package org.vanguard.routes.delivery;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Reads a recipient's answer to a push. A FHIR response message decides by its
 * {@code MessageHeader.response.code} (FHIR R4 messaging: ok, transient-error, fatal-error); without one the
 * HTTP status decides: 2xx delivered, 408/429/5xx worth another try, any other status a refusal.
 */
public final class PushAnswers {

    private PushAnswers() {}

    /**
     * Returns normally when the recipient has the delivery.
     *
     * @throws TransientDeliveryFailure when it is worth trying again
     * @throws FatalDeliveryFailure when it never will be accepted
     */
    public static void judge(int status, String body, String endpoint) {
        Resource answer = parsed(body);
        if (answer instanceof Bundle bundle
                && bundle.getType() == Bundle.BundleType.MESSAGE
                && bundle.getEntryFirstRep().getResource() instanceof MessageHeader header
                && header.hasResponse()
                && header.getResponse().getCode() != null) {
            String said =
                    endpoint + " answered " + header.getResponse().getCode().toCode() + detail(bundle, header);
            switch (header.getResponse().getCode()) {
                case OK -> {
                    return;
                }
                case TRANSIENTERROR -> throw new TransientDeliveryFailure(said);
                default -> throw new FatalDeliveryFailure(said);
            }
        }
        if (status >= 200 && status < 300) {
            return;
        }
        String said = endpoint + " answered HTTP " + status
                + (answer instanceof OperationOutcome outcome ? ": " + text(outcome) : "");
        if (status == 408 || status == 429 || status >= 500) {
            throw new TransientDeliveryFailure(said);
        }
        throw new FatalDeliveryFailure(said);
    }

    private static @Nullable Resource parsed(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return FhirParsing.standard()
                    .parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/fhir+json");
        } catch (FhirInputException | IllegalArgumentException e) {
            return null;
        }
    }

    static String detail(Bundle bundle, MessageHeader header) {
        if (header.getResponse().hasDetails()
                && header.getResponse().getDetails().hasReference()) {
            String reference = header.getResponse().getDetails().getReference();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof OperationOutcome outcome
                        && (reference.equals(entry.getFullUrl())
                                || reference.endsWith(
                                        "/" + outcome.getIdElement().getIdPart()))) {
                    return ": " + text(outcome);
                }
            }
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof OperationOutcome outcome) {
                return ": " + text(outcome);
            }
        }
        return "";
    }

    static String text(OperationOutcome outcome) {
        return String.join(
                "; ",
                outcome.getIssue().stream()
                        .map(issue -> issue.hasDiagnostics()
                                ? issue.getDiagnostics()
                                : issue.getDetails().getText())
                        .filter(text -> text != null && !text.isBlank())
                        .toList());
    }
}
