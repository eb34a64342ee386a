package org.vanguard.hub.broker;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.RequiresRole;
import org.vanguard.hub.web.Role;

/** The broker's hub queues as an operator sees them: the intake backlog, each mailbox, the dead letters. */
@RestController
class AdminQueueController {

    private final QueueDepths depths;

    public AdminQueueController(QueueDepths depths) {
        this.depths = depths;
    }

    @RequiresRole({Role.OPERATOR, Role.IG_OFFICER})
    @GetMapping("/admin/queues")
    public List<QueueDepths.Depth> queues(AuthenticatedOfficer officer) {
        return depths.all();
    }
}
