package org.vanguard.hub.care;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.governance.patient.NhsNumber;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.ExceptionText;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.profiles.message.HubEvent;

/**
 * Standing subscriptions for IG officers: a participant receives the messages of the named events about the
 * named patients, or about its caseload ({@code "cohort": "caseload"}). A subscription makes a candidate
 * recipient, never a permit: each message is still decided for the subscriber.
 */
@RestController
@RequestMapping("/admin/subscriptions")
class AdminSubscriptionController {

    private static final Logger log = LoggerFactory.getLogger(AdminSubscriptionController.class);

    private final JdbcSubscriptions subscriptions;
    private final ParticipantDirectory participants;
    private final Clock clock;
    private final AdminAudit audit;

    public AdminSubscriptionController(
            JdbcSubscriptions subscriptions, ParticipantDirectory participants, Clock clock, AdminAudit audit) {
        this.subscriptions = subscriptions;
        this.participants = participants;
        this.clock = clock;
        this.audit = audit;
    }

    /** A subscription to create: {@code patients} or {@code cohort}, not both. */
    public record SubscriptionRequest(String participant, List<String> events, List<String> patients, String cohort) {}

    @GetMapping
    public List<JdbcSubscriptions.Subscription> list(AuthenticatedOfficer officer) {
        return subscriptions.all();
    }

    @PostMapping
    public ResponseEntity<JdbcSubscriptions.Subscription> create(
            AuthenticatedOfficer officer, @RequestBody SubscriptionRequest request) {
        OdsCode participant = AdminRequests.field("participant", request.participant(), OdsCode::of);
        if (!participants.contains(participant)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value("participant", participant + " is not a participant of this vanguard"));
        }
        List<InputIssue> issues = new ArrayList<>();
        LinkedHashSet<String> events = new LinkedHashSet<>();
        List<String> requested = request.events() == null ? List.of() : request.events();
        if (requested.isEmpty()) {
            issues.add(InputIssue.required("events", "name at least one event, from " + HubEvent.knownCodes()));
        }
        for (int i = 0; i < requested.size(); i++) {
            String code = requested.get(i);
            if (HubEvent.fromCode(code).isEmpty()) {
                issues.add(InputIssue.value(
                        "events[" + i + "]", "unknown event '" + code + "'; expected one of " + HubEvent.knownCodes()));
            } else {
                events.add(code);
            }
        }
        LinkedHashSet<NhsNumber> patients = new LinkedHashSet<>();
        List<String> named = request.patients() == null ? List.of() : request.patients();
        for (int i = 0; i < named.size(); i++) {
            try {
                patients.add(NhsNumber.of(named.get(i)));
            } catch (IllegalArgumentException e) {
                issues.add(InputIssue.value("patients[" + i + "]", ExceptionText.of(e)));
            }
        }
        Optional<String> cohort = Optional.ofNullable(request.cohort()).filter(c -> !c.isBlank());
        if (cohort.isPresent() && !JdbcSubscriptions.CASELOAD.equals(cohort.get())) {
            issues.add(InputIssue.value(
                    "cohort",
                    "unknown cohort '" + cohort.get() + "'; the hub knows '" + JdbcSubscriptions.CASELOAD + "'"));
        }
        if (cohort.isPresent() == !named.isEmpty()) {
            issues.add(InputIssue.required("patients", "name the patients or the cohort 'caseload', one of the two"));
        }
        if (!issues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, issues);
        }
        JdbcSubscriptions.Subscription subscription = new JdbcSubscriptions.Subscription(
                UUID.randomUUID().toString(), participant, List.copyOf(events), List.copyOf(patients), cohort);
        audit.change(
                () -> {
                    subscriptions.create(subscription, officer.subject(), clock.instant());
                    return subscription;
                },
                created -> audit.by(
                                officer.subject(),
                                "subscription.create",
                                "subscribed " + participant + " to " + events + " for "
                                        + cohort.map(c -> "its " + c).orElse(patients.size() + " patients"))
                        .aboutParticipant(participant.value()));
        log.info(
                "{} subscribed {} to {} for {}",
                officer.subject(),
                participant,
                events,
                cohort.map(c -> "its " + c).orElse(patients.size() + " patients"));
        return ResponseEntity.status(201).body(subscription);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(AuthenticatedOfficer officer, @PathVariable String id) {
        audit.change(
                () -> {
                    if (!subscriptions.delete(id)) {
                        throw new NotFoundException("no subscription " + id);
                    }
                    return id;
                },
                deleted -> audit.by(officer.subject(), "subscription.delete", "deleted subscription " + deleted));
        log.info("{} deleted subscription {}", officer.subject(), id);
        return ResponseEntity.noContent().build();
    }
}
