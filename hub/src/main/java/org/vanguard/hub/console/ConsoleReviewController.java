package org.vanguard.hub.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.vanguard.hub.review.AdminReviewController;
import org.vanguard.hub.review.JdbcOverrideReviews;
import org.vanguard.hub.review.OverrideReview;
import org.vanguard.hub.web.AuthenticatedOfficer;
import org.vanguard.profiles.fhir.FhirInputException;

/**
 * The break-glass review queue: every emergency override with who asked, when and why, the oldest open first and
 * those waiting longer than {@code hub.console.override-review-due} flagged overdue; the reviewer records an outcome
 * (justified or not) with a note. Closing goes through the admin API's own handler, so it is audited the same way.
 */
@Controller
class ConsoleReviewController {

    private final JdbcOverrideReviews reviews;
    private final AdminReviewController admin;
    private final ConsoleProperties properties;
    private final Clock clock;

    ConsoleReviewController(
            JdbcOverrideReviews reviews, AdminReviewController admin, ConsoleProperties properties, Clock clock) {
        this.reviews = reviews;
        this.admin = admin;
        this.properties = properties;
        this.clock = clock;
    }

    /** One row of the queue, with whether it is overdue. */
    record Row(OverrideReview review, boolean overdue) {}

    @GetMapping("/console/reviews")
    String queue(AuthenticatedOfficer person, @RequestParam(defaultValue = "open") String status, Model model) {
        String shown = "closed".equals(status) ? "closed" : "open";
        Instant dueBefore = clock.instant().minus(properties.overrideReviewDue());
        List<Row> rows = reviews.list(Optional.of(shown)).stream()
                .sorted(
                        "open".equals(shown)
                                ? Comparator.comparing(OverrideReview::recordedAt)
                                : Comparator.comparing(OverrideReview::closedAt).reversed())
                .map(r -> new Row(r, "OPEN".equals(r.status()) && r.recordedAt().isBefore(dueBefore)))
                .toList();
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("status", shown);
        model.addAttribute("rows", rows);
        model.addAttribute("overdue", rows.stream().filter(Row::overdue).count());
        model.addAttribute("dueDays", properties.overrideReviewDue().toDays());
        return "console/reviews";
    }

    @GetMapping("/console/reviews/{id}")
    String review(AuthenticatedOfficer person, @PathVariable long id, Model model) {
        return page(person, find(id), "", "", Map.of(), model);
    }

    @PostMapping("/console/reviews/{id}")
    String close(
            AuthenticatedOfficer person,
            @PathVariable long id,
            @RequestParam(defaultValue = "") String outcome,
            @RequestParam(defaultValue = "") String note,
            Model model,
            RedirectAttributes redirect) {
        OverrideReview review = find(id);
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            ResponseEntity<Void> closed =
                    admin.close(person, id, new AdminReviewController.Closing(outcome, note.strip()));
            if (closed.getStatusCode().is2xxSuccessful()) {
                redirect.addFlashAttribute("notice", "Review " + id + " closed as " + outcome.replace('-', ' ') + ".");
                return "redirect:/console/reviews";
            }
        } catch (FhirInputException e) {
            e.issues().forEach(issue -> errors.put(issue.location(), issue.text()));
        } catch (org.vanguard.hub.web.NotFoundException e) {
            errors.put("outcome", "this review has already been closed");
        }
        return page(person, review, outcome, note, errors, model);
    }

    private String page(
            AuthenticatedOfficer person,
            OverrideReview review,
            String outcome,
            String note,
            Map<String, String> errors,
            Model model) {
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("review", review);
        model.addAttribute(
                "overdue",
                "OPEN".equals(review.status())
                        && review.recordedAt().isBefore(clock.instant().minus(properties.overrideReviewDue())));
        model.addAttribute("outcome", outcome);
        model.addAttribute("note", note);
        model.addAttribute("errors", errors);
        return "console/review";
    }

    private OverrideReview find(long id) {
        return reviews.find(id)
                .orElseThrow(() -> new ConsoleErrors.NotFound("There is no emergency override review " + id + "."));
    }
}
