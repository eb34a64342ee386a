package org.vanguard.hub.review;

import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.vanguard.hub.audit.AdminAudit;
import org.vanguard.hub.web.AdminRequests;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.hub.web.NotFoundException;

/** The IG officers' review queue of emergency overrides: list, and close each with a note. */
@RestController
@RequestMapping("/admin/reviews")
public class AdminReviewController {

    private final JdbcOverrideReviews reviews;
    private final AdminAudit audit;

    public AdminReviewController(JdbcOverrideReviews reviews, AdminAudit audit) {
        this.reviews = reviews;
        this.audit = audit;
    }

    /** The officer's conclusion ({@code justified} or {@code not-justified}) and the note that explains it. */
    public record Closing(String outcome, String note) {}

    @GetMapping
    public List<OverrideReview> list(AuthenticatedOfficer officer, @RequestParam Optional<String> status) {
        return reviews.list(status);
    }

    @PostMapping("/{id}/close")
    public ResponseEntity<Void> close(
            AuthenticatedOfficer officer, @PathVariable long id, @RequestBody Closing closing) {
        ReviewOutcome outcome = AdminRequests.field("outcome", closing.outcome(), ReviewOutcome::fromCode);
        String note = AdminRequests.field("note", closing.note(), n -> n);
        audit.change(
                () -> {
                    if (!reviews.close(id, officer.subject(), outcome, note)) {
                        throw new NotFoundException("no open review " + id);
                    }
                    return id;
                },
                closed -> audit.by(
                        officer.subject(),
                        "review.close",
                        "closed emergency override review " + closed + " as " + outcome.code() + ": " + note));
        return ResponseEntity.noContent().build();
    }
}
