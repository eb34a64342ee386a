package org.vanguard.hub.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.participant.ParticipantDirectory;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;
import org.vanguard.routes.delivery.PushRoutes;

/**
 * A participant's push endpoint, registered by an IG officer: from then on the hub POSTs each delivery to
 * {@code {baseUrl}/$process-message} over mutual TLS instead of waiting for the participant to collect it.
 */
@RestController
@RequiresRole({Role.OPERATOR, Role.IG_OFFICER})
@RequestMapping("/admin/participants/{ods}/endpoint")
class AdminEndpointController {

    private static final Logger log = LoggerFactory.getLogger(AdminEndpointController.class);

    private final JdbcPushEndpoints endpoints;
    private final PushRoutes pushRoutes;
    private final ParticipantDirectory participants;
    private final Clock clock;
    private final AdminAudit audit;

    public AdminEndpointController(
            JdbcPushEndpoints endpoints,
            PushRoutes pushRoutes,
            ParticipantDirectory participants,
            Clock clock,
            AdminAudit audit) {
        this.endpoints = endpoints;
        this.pushRoutes = pushRoutes;
        this.participants = participants;
        this.clock = clock;
        this.audit = audit;
    }

    /** The endpoint to register. */
    public record EndpointRequest(String baseUrl) {}

    /** A registration and whether the hub is pushing to it now. */
    public record EndpointView(
            String participant, String baseUrl, String registeredBy, String registeredAt, boolean pushing) {}

    @PutMapping
    public EndpointView register(
            AuthenticatedOfficer officer, @PathVariable String ods, @RequestBody EndpointRequest request) {
        OdsCode participant = participant(ods);
        URI base = baseUrl(request == null ? null : request.baseUrl());
        JdbcPushEndpoints.Registration registration = audit.change(
                () -> endpoints.register(participant, base, officer.subject(), clock.instant()),
                registered -> audit.by(officer.subject(), "push-endpoint.register", "push endpoint " + base)
                        .aboutParticipant(participant.value()));
        pushRoutes.stop(participant);
        pushRoutes.start(participant);
        log.info("{} registered push endpoint {} for {}", officer.subject(), base, participant);
        return view(registration, participant);
    }

    @GetMapping
    public EndpointView read(AuthenticatedOfficer officer, @PathVariable String ods) {
        OdsCode participant = participant(ods);
        return endpoints
                .find(participant)
                .map(registration -> view(registration, participant))
                .orElseThrow(() ->
                        new NotFoundException(participant + " has no push endpoint; it collects from its mailbox"));
    }

    @DeleteMapping
    public ResponseEntity<Void> remove(AuthenticatedOfficer officer, @PathVariable String ods) {
        OdsCode participant = participant(ods);
        pushRoutes.stop(participant);
        audit.change(
                () -> {
                    if (!endpoints.remove(participant)) {
                        throw new NotFoundException(participant + " has no push endpoint");
                    }
                    return participant;
                },
                removed -> audit.by(officer.subject(), "push-endpoint.remove", "removed the push endpoint")
                        .aboutParticipant(removed.value()));
        log.info("{} removed the push endpoint of {}", officer.subject(), participant);
        return ResponseEntity.noContent().build();
    }

    private EndpointView view(JdbcPushEndpoints.Registration registration, OdsCode participant) {
        return new EndpointView(
                registration.participant(),
                registration.baseUrl(),
                registration.registeredBy(),
                registration.registeredAt().toString(),
                pushRoutes.running(participant));
    }

    private OdsCode participant(String ods) {
        OdsCode participant = AdminRequests.field("(path) ods", ods, OdsCode::of);
        if (!participants.contains(participant)) {
            throw new NotFoundException(participant + " is not a participant of this vanguard");
        }
        return participant;
    }

    /** Deliveries carry patient data: only https, to an absolute URL without query or fragment. */
    private static URI baseUrl(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new FhirInputException(Rejection.INVALID, InputIssue.required("baseUrl", "'baseUrl' is required"));
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new FhirInputException(
                    Rejection.INVALID, InputIssue.value("baseUrl", "'" + text + "' is not a URL: " + e.getReason()));
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            "baseUrl",
                            "the hub pushes only over https (mutual TLS); '" + text + "' is not an https URL"));
        }
        if (uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            "baseUrl",
                            "a FHIR base URL names a host and a path, without user info, query or fragment: '" + text
                                    + "'"));
        }
        return uri;
    }
}
