package org.vanguard.hub.delivery;

import java.util.List;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;

/** Deliveries the hub gave up on, for an operator to read and replay ({@code POST /admin/replays}). */
@RestController
@RequiresRole({Role.OPERATOR, Role.IG_OFFICER})
@RequestMapping("/admin/dead-letters")
class AdminDeadLetterController {

    private final JdbcDeadLetters deadLetters;

    public AdminDeadLetterController(JdbcDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The listing: how many, and each with why it died. */
    public record DeadLetterListing(int count, List<JdbcDeadLetters.Listed> deadLetters) {}

    /** @param status {@code DEAD} (waiting for an operator) or {@code REPLAYED}; all when absent */
    @GetMapping
    public DeadLetterListing list(AuthenticatedOfficer officer, @RequestParam Optional<String> status) {
        Optional<JdbcDeadLetters.Status> wanted = status.map(
                s -> AdminRequests.field("status", s, text -> JdbcDeadLetters.Status.valueOf(text.toUpperCase())));
        List<JdbcDeadLetters.Listed> listed = deadLetters.list(wanted);
        return new DeadLetterListing(listed.size(), listed);
    }
}
