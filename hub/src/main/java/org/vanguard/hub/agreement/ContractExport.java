package org.vanguard.hub.agreement;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Contract;
import org.hl7.fhir.r4.model.Contract.ContractStatus;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.vanguard.governance.agreement.Accountability;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.Flow;
import org.vanguard.governance.agreement.Party;
import org.vanguard.governance.agreement.PurposeTerms;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.Participant;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.purpose.Purpose;

/**
 * An agreement as a FHIR R4 {@code Contract}, so that it can be exchanged with other systems (DOMAIN.md: "an
 * agreement can be exported as a FHIR Contract"); the hub's own model stays the one it enforces.
 *
 * <p>Status: R4 {@code contract-status} has no "draft" or "suspended", so the mapping takes the code whose
 * definition matches, and {@code legalState} carries the hub's exact status in its own code system:
 * <ul>
 * <li>draft (awaiting approval) -> {@code offered}: "a proposal by either the Grantor or the Grantee";</li>
 * <li>active -> {@code executed}: "activated for period stipulated when both ... have signed it";</li>
 * <li>suspended -> {@code disputed}: "Contract pended", comparable to "on hold; pended; suspended";</li>
 * <li>expired -> {@code terminated}: "Contract reaches its expiry date";</li>
 * <li>terminated (ended early by the parties) -> {@code revoked}: "a Contract that is rescinded".</li>
 * </ul>
 *
 * <p>Parties: {@code Contract.signer} needs at least one {@code Signature} (type, when, who) and the hub holds
 * no signatures, only the approvals in its change log, so parties go where R4 needs nothing invented: each flow's
 * {@code term.offer.party} names senders and recipients by ODS identifier (roles {@code sender},
 * {@code recipient}), and a term {@code parties} names every party with its UK GDPR role and signatory.
 * {@code issued} is left out: the agreement file does not record when the parties issued it.
 *
 * <p>Each flow is a term (identifier {@code flows[i]}, the clause the hub cites in decisions): its asset types are
 * the FHIR resource types shared, its actions one per purpose, with the purpose as {@code intent} (v3 ActReason;
 * case finding in the hub's purpose-of-use system). The legal bases of each purpose are {@code legal} text (the
 * ICO data sharing code's "lawful basis" section); retention, DPIA, breach contact and privacy notice form the
 * term {@code accountability}; the review date is an extension.
 */
public final class ContractExport {

    public static final String AGREEMENT_SYSTEM = "https://vanguard-hub.org/fhir/Id/agreement";
    public static final String CLAUSE_SYSTEM = "https://vanguard-hub.org/fhir/Id/agreement-clause";
    public static final String STATUS_SYSTEM = "https://vanguard-hub.org/fhir/CodeSystem/agreement-status";
    public static final String PARTY_ROLE_SYSTEM = "https://vanguard-hub.org/fhir/CodeSystem/agreement-party-role";
    public static final String ACTION_SYSTEM = "https://vanguard-hub.org/fhir/CodeSystem/agreement-action";
    public static final String REVIEW_DATE_EXTENSION =
            "https://vanguard-hub.org/fhir/StructureDefinition/agreement-review-date";
    static final String RESOURCE_TYPES = "http://hl7.org/fhir/resource-types";

    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    private final ParticipantDirectory participants;

    public ContractExport(ParticipantDirectory participants) {
        this.participants = participants;
    }

    /** The R4 status for the hub's status, as the class comment explains. */
    public static ContractStatus statusOf(AgreementStatus status) {
        return switch (status) {
            case DRAFT -> ContractStatus.OFFERED;
            case ACTIVE -> ContractStatus.EXECUTED;
            case SUSPENDED -> ContractStatus.DISPUTED;
            case EXPIRED -> ContractStatus.TERMINATED;
            case TERMINATED -> ContractStatus.REVOKED;
        };
    }

    /**
     * @param agreement the agreement's terms
     * @param status its status as an IG officer sees it today (lifecycle applied, expiry included)
     */
    public Contract export(Agreement agreement, AgreementStatus status) {
        Contract contract = new Contract();
        if (FHIR_ID.matcher(agreement.id()).matches()) {
            contract.setId(agreement.id());
        }
        contract.addIdentifier(new Identifier().setSystem(AGREEMENT_SYSTEM).setValue(agreement.id()));
        contract.setVersion(Integer.toString(agreement.version()));
        contract.setStatus(statusOf(status));
        contract.setLegalState(new CodeableConcept(new Coding(STATUS_SYSTEM, status.label(), status.label())));
        contract.setTitle(agreement.title());
        Period applies = new Period().setStartElement(date(agreement.effective().start()));
        agreement.effective().end().ifPresent(end -> applies.setEndElement(date(end)));
        contract.setApplies(applies);
        agreement
                .reviewDate()
                .ifPresent(review -> contract.addExtension(REVIEW_DATE_EXTENSION, new DateType(review.toString())));

        for (Flow flow : agreement.flows()) {
            contract.addTerm(flowTerm(agreement, flow));
        }
        contract.addTerm(partiesTerm(agreement));
        contract.addTerm(accountabilityTerm(agreement));
        for (PurposeTerms terms : agreement.purposes()) {
            String text = legalBasis(terms);
            contract.addLegal()
                    .setContent(new Attachment()
                            .setContentType("text/plain; charset=utf-8")
                            .setLanguage("en-GB")
                            .setTitle(text)
                            .setData(text.getBytes(StandardCharsets.UTF_8)));
        }
        return contract;
    }

    private Contract.TermComponent flowTerm(Agreement agreement, Flow flow) {
        Contract.TermComponent term = new Contract.TermComponent();
        term.setIdentifier(new Identifier().setSystem(CLAUSE_SYSTEM).setValue(flow.clause()));
        term.setText(sentence(flow));
        Contract.ContractOfferComponent offer = term.getOffer();
        offer.addParty(party(flow.from(), "sender"));
        offer.addParty(party(flow.to(), "recipient"));
        for (String type : new TreeSet<>(flow.resourceTypes())) {
            Contract.ContractAssetComponent asset = term.addAsset();
            asset.addType(new CodeableConcept(new Coding(RESOURCE_TYPES, type, type)));
            String scope = agreement
                    .dataScope()
                    .elementsOf(type)
                    .map(elements -> "only the elements " + String.join(", ", new TreeSet<>(elements)))
                    .orElse("all elements");
            String sensitive = agreement.dataScope().sensitiveCategories().isEmpty()
                    ? "no sensitive category"
                    : "sensitive categories "
                            + agreement.dataScope().sensitiveCategories().stream()
                                    .map(Object::toString)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + " only where the patient's consent allows them too";
            asset.setText(type + ": " + scope + "; "
                    + agreement.dataScope().identifiability().label() + "; " + sensitive);
        }
        for (Purpose purpose : flow.purposes().stream().sorted().toList()) {
            Contract.ActionComponent action = term.addAction();
            action.setType(new CodeableConcept(new Coding(ACTION_SYSTEM, "disclose", "disclose to the recipients")));
            action.setIntent(new CodeableConcept(new Coding(purpose.system(), purpose.code(), purpose.display())));
            action.setStatus(new CodeableConcept(new Coding(ACTION_SYSTEM, "permitted", "permitted by this clause")));
        }
        return term;
    }

    private Contract.TermComponent partiesTerm(Agreement agreement) {
        Contract.TermComponent term = new Contract.TermComponent();
        term.setIdentifier(new Identifier().setSystem(CLAUSE_SYSTEM).setValue("parties"));
        term.setText("The parties, each with its UK GDPR role and the signatory who answers for it: "
                + agreement.parties().stream()
                        .map(p -> p.ods() + " " + p.role().label()
                                + (p.signatory().isBlank() ? "" : " (" + p.signatory() + ")"))
                        .collect(Collectors.joining("; "))
                + ".");
        for (Party party : agreement.parties()) {
            term.getOffer()
                    .addParty()
                    .addReference(organisation(party.ods()))
                    .setRole(new CodeableConcept(new Coding(
                            PARTY_ROLE_SYSTEM,
                            party.role().label(),
                            party.role().label())));
        }
        return term;
    }

    private Contract.TermComponent accountabilityTerm(Agreement agreement) {
        Accountability accountability = agreement.accountability();
        StringBuilder text = new StringBuilder("Accountability (UK GDPR Art 5(2)): ");
        Map<OdsCode, java.time.Period> retention = accountability.retention();
        text.append(
                retention.isEmpty()
                        ? "no retention recorded"
                        : "retention "
                                + retention.entrySet().stream()
                                        .sorted(Map.Entry.comparingByKey())
                                        .map(e -> e.getKey() + " " + e.getValue())
                                        .collect(Collectors.joining(", ")));
        text.append("; DPIA ").append(accountability.dpiaReference().orElse("not recorded"));
        text.append("; breach contact ").append(accountability.breachContact().orElse("not recorded"));
        text.append("; privacy notice ")
                .append(accountability.privacyNotice().map(Object::toString).orElse("not recorded"));
        Contract.TermComponent term = new Contract.TermComponent();
        term.setIdentifier(new Identifier().setSystem(CLAUSE_SYSTEM).setValue("accountability"));
        term.setText(text.append('.').toString());
        term.getOffer().setText("Each recipient keeps what it receives no longer than its retention period.");
        return term;
    }

    private Contract.ContractPartyComponent party(Set<OdsCode> codes, String role) {
        Contract.ContractPartyComponent party = new Contract.ContractPartyComponent();
        codes.stream().sorted().forEach(ods -> party.addReference(organisation(ods)));
        party.setRole(new CodeableConcept(new Coding(PARTY_ROLE_SYSTEM, role, role)));
        return party;
    }

    private Reference organisation(OdsCode ods) {
        Reference reference = new Reference()
                .setType("Organization")
                .setIdentifier(new Identifier().setSystem(OdsCode.SYSTEM).setValue(ods.value()));
        participants.find(ods).map(Participant::name).ifPresent(reference::setDisplay);
        return reference;
    }

    private static String sentence(Flow flow) {
        return sorted(flow.from()) + " may send " + String.join(", ", new TreeSet<>(flow.resourceTypes())) + " to "
                + sorted(flow.to()) + " for "
                + flow.purposes().stream()
                        .sorted()
                        .map(p -> p.code() + " (" + p.display() + ")")
                        .collect(Collectors.joining(", "))
                + ".";
    }

    private static String sorted(Set<OdsCode> codes) {
        return codes.stream().sorted().map(OdsCode::value).collect(Collectors.joining(", "));
    }

    private static String legalBasis(PurposeTerms terms) {
        return terms.purpose().code() + " (" + terms.purpose().display() + "): UK GDPR Article 6 " + terms.article6()
                + "; Article 9 " + terms.article9() + "; common-law gateway "
                + terms.gateway().label()
                + terms.optOutExemption()
                        .map(e -> "; National Data Opt-out exemption " + e)
                        .orElse("") + ".";
    }

    /** A calendar day as FHIR writes it, free of the JVM's time zone. */
    private static DateTimeType date(LocalDate day) {
        return new DateTimeType(day.toString());
    }
}
