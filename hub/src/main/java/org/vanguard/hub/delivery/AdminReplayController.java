package org.vanguard.hub.delivery;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.NotFoundException;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;
import org.vanguard.profiles.fhir.FhirInputException;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.fhir.Rejection;

/**
 * Replays of dead-lettered deliveries: started here, followed with {@code GET /admin/replays/{id}}. Each is
 * decided again against today's agreements and Consent before it leaves.
 */
@RestController
@RequiresRole({Role.OPERATOR, Role.IG_OFFICER})
@RequestMapping("/admin/replays")
public class AdminReplayController {

    /** Most deliveries one replay takes; larger replays are split by the operator. */
    public static final int MAX_DELIVERIES = 10_000;

    private final ReplayService replays;
    private final AdminAudit audit;

    public AdminReplayController(ReplayService replays, AdminAudit audit) {
        this.replays = replays;
        this.audit = audit;
    }

    /** The deliveries to replay, by delivery id (a dead letter's id is its delivery id). */
    public record ReplayRequest(List<String> deliveryIds) {}

    @PostMapping
    public ResponseEntity<ReplayService.Job> start(AuthenticatedOfficer officer, @RequestBody ReplayRequest request) {
        if (request == null
                || request.deliveryIds() == null
                || request.deliveryIds().isEmpty()) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.required("deliveryIds", "'deliveryIds' lists the dead letters to replay"));
        }
        if (request.deliveryIds().size() > MAX_DELIVERIES) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.value(
                            "deliveryIds",
                            "at most " + MAX_DELIVERIES + " deliveries per replay, not "
                                    + request.deliveryIds().size()));
        }
        for (int i = 0; i < request.deliveryIds().size(); i++) {
            String id = request.deliveryIds().get(i);
            AdminRequests.field("deliveryIds[" + i + "]", id, UUID::fromString);
        }
        // Started first and recorded after: the replay's worker must see the committed job, so the two cannot share
        // one transaction (as with the file-side changes AdminAudit describes).
        String id = replays.start(request.deliveryIds(), officer.subject());
        audit.change(
                () -> id,
                job -> audit.by(
                        officer.subject(),
                        "replay.start",
                        "replay " + job + " of " + request.deliveryIds().size() + " deliveries"));
        return ResponseEntity.accepted()
                .location(URI.create("/admin/replays/" + id))
                .body(replays.job(id).orElseThrow());
    }

    @GetMapping("/{id}")
    public ReplayService.Job progress(AuthenticatedOfficer officer, @PathVariable String id) {
        return replays.job(id).orElseThrow(() -> new NotFoundException("no replay " + id));
    }
}
