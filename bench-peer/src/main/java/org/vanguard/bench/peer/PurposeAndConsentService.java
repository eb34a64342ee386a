package org.vanguard.bench.peer;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOperationStatusEnum;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

/**
 * The peer's answer, per request, to the hub's question: may this sender share this patient's records with these
 * recipients for this purpose? As a HAPI user would write it for the {@code ConsentInterceptor}, in
 * {@link #startOperation}: the sender is the organisation in the client certificate (X.520 organizationIdentifier, as
 * the hub reads it), the purpose the {@code X-Purpose-Of-Use} header, the recipients the {@code X-Recipients} header
 * (ODS codes). The request is allowed when at least one recipient is reached by a flow of the demo's sharing agreements
 * for that purpose and the patient has no active opt-out {@code Consent} (looked up in the peer's own store, by NHS
 * number, on every request). Writes of anything but Patient and CarePlan, and reads, need the purpose only.
 */
public final class PurposeAndConsentService implements IConsentService {

    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    static final String RECIPIENTS_HEADER = "X-Recipients";
    static final String NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String ORGANIZATION_IDENTIFIER = "2.5.4.97";

    /** The demo vanguard's agreements (governance/demo/agreements) as flows: sender to recipient, for purposes. */
    private static final Map<String, Map<String, Set<String>>> FLOWS = Map.of(
            "CH001", Map.of("G81001", Set.of("TREAT", "ETREAT", "BTG"), "MDT01", Set.of("TREAT", "BTG")),
            "G81001",
                    Map.of(
                            "CH001", Set.of("TREAT", "ETREAT", "BTG"),
                            "MDT01", Set.of("TREAT", "BTG"),
                            "RCP", Set.of("POPHLTH")),
            "RCP", Map.of("MDT01", Set.of("TREAT", "BTG")));

    private static final Set<String> PURPOSES = Set.of("TREAT", "ETREAT", "BTG", "POPHLTH");

    private final DaoRegistry daoRegistry;

    PurposeAndConsentService(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        String purpose = request.getHeader(PURPOSE_HEADER);
        if (purpose == null || !PURPOSES.contains(purpose)) {
            return refuse("a purpose of use (" + PURPOSE_HEADER + ") of " + PURPOSES + " is required");
        }
        IBaseResource body = request.getResource();
        if (!(body instanceof Bundle bundle)) {
            return ConsentOutcome.AUTHORIZED;
        }
        Optional<String> sender = sender(request);
        if (sender.isEmpty()) {
            return refuse("the client certificate names no organisation");
        }
        List<String> allowed = new ArrayList<>();
        String recipients = request.getHeader(RECIPIENTS_HEADER);
        for (String recipient : recipients == null ? new String[0] : recipients.split(",")) {
            if (FLOWS.getOrDefault(sender.get(), Map.of())
                    .getOrDefault(recipient.strip(), Set.of())
                    .contains(purpose)) {
                allowed.add(recipient.strip());
            }
        }
        if (allowed.isEmpty()) {
            return refuse("no agreement lets " + sender.get() + " share with " + recipients + " for " + purpose);
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient) {
                for (var identifier : patient.getIdentifier()) {
                    if (NHS_NUMBER.equals(identifier.getSystem()) && optedOut(identifier.getValue(), purpose)) {
                        return refuse("the patient has an active Consent that denies sharing for " + purpose);
                    }
                }
            }
        }
        return ConsentOutcome.AUTHORIZED;
    }

    /** Whether an active Consent of the patient (by NHS number) denies this purpose (or every purpose). */
    private boolean optedOut(String nhsNumber, String purpose) {
        IFhirResourceDao<Consent> consents = daoRegistry.getResourceDao(Consent.class);
        SearchParameterMap query = SearchParameterMap.newSynchronous()
                .add(Consent.SP_PATIENT, new ReferenceParam("Patient", "identifier", NHS_NUMBER + "|" + nhsNumber))
                .add(Consent.SP_STATUS, new TokenParam("active"));
        IBundleProvider found = consents.search(query, new SystemRequestDetails());
        for (IBaseResource resource : found.getAllResources()) {
            Consent consent = (Consent) resource;
            Consent.ProvisionComponent provision = consent.getProvision();
            if (provision.getType() == Consent.ConsentProvisionType.DENY
                    && (provision.getPurpose().isEmpty()
                            || provision.getPurpose().stream().anyMatch(code -> purpose.equals(code.getCode())))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> sender(RequestDetails request) {
        if (!(request instanceof ServletRequestDetails servlet)) {
            return Optional.empty();
        }
        HttpServletRequest http = servlet.getServletRequest();
        Object chain = http.getAttribute("jakarta.servlet.request.X509Certificate");
        if (!(chain instanceof X509Certificate[] certificates) || certificates.length == 0) {
            return Optional.empty();
        }
        return organisation(certificates[0].getSubjectX500Principal());
    }

    private static Optional<String> organisation(X500Principal subject) {
        try {
            LdapName name =
                    new LdapName(subject.getName(X500Principal.RFC2253, Map.of(ORGANIZATION_IDENTIFIER, "ORGID")));
            return name.getRdns().stream()
                    .filter(rdn -> "ORGID".equalsIgnoreCase(rdn.getType()))
                    .map(Rdn::getValue)
                    .map(String::valueOf)
                    .findFirst();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    private static ConsentOutcome refuse(String why) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(why);
        return new ConsentOutcome(ConsentOperationStatusEnum.REJECT, outcome);
    }
}
