package org.vanguard.hub.console;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.vanguard.governance.agreement.LifecycleAction;
import org.vanguard.governance.agreement.LifecycleEvent;
import org.vanguard.hub.agreement.FileAgreementStore;
import org.vanguard.hub.web.AuthenticatedOfficer;

/**
 * What changed between the versions of an agreement: each revision the hub loaded (a new version, or the text of a
 * version changed), newest first, with a unified diff of its YAML against the revision before it, from the texts the
 * hub keeps of every revision it loads.
 */
@Controller
class ConsoleAgreementChangesController {

    private static final int CONTEXT_LINES = 3;

    private final FileAgreementStore agreements;

    ConsoleAgreementChangesController(FileAgreementStore agreements) {
        this.agreements = agreements;
    }

    /** One line of a diff and how it reads: added, removed, a hunk header, or context. */
    record DiffLine(String text, String kind) {}

    /** One revision and what it changed from the one before (empty for the first, or when a text was not kept). */
    record Revision(
            int version,
            String by,
            java.time.Instant at,
            String detail,
            List<DiffLine> diff,
            boolean first,
            boolean textKept) {}

    @GetMapping("/console/agreements/{id}/changes")
    String changes(AuthenticatedOfficer person, @PathVariable String id, Model model) {
        var lifecycle = agreements
                .lifecycleOf(id)
                .orElseThrow(() -> new ConsoleErrors.NotFound("There is no agreement " + id + "."));
        List<LifecycleEvent> revisions = lifecycle.history().stream()
                .filter(e -> e.action() == LifecycleAction.REVISED)
                .toList();
        List<Revision> shown = new ArrayList<>();
        Optional<String> before = Optional.empty();
        for (int i = 0; i < revisions.size(); i++) {
            LifecycleEvent revision = revisions.get(i);
            Optional<String> text = revision.fingerprint().flatMap(agreements::textOf);
            List<DiffLine> diff = before.isPresent() && text.isPresent()
                    ? diff(before.get(), text.get(), revisions.get(i - 1).version(), revision.version())
                    : List.of();
            shown.add(
                    0,
                    new Revision(
                            revision.version(),
                            revision.officer(),
                            revision.at(),
                            revision.detail(),
                            diff,
                            i == 0,
                            text.isPresent()));
            before = text;
        }
        model.addAttribute("person", ConsolePerson.of(person));
        model.addAttribute("agreement", lifecycle.asWritten());
        model.addAttribute("revisions", shown);
        return "console/agreement-changes";
    }

    private static List<DiffLine> diff(String from, String to, int fromVersion, int toVersion) {
        List<String> original = from.lines().toList();
        List<String> revised = to.lines().toList();
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                "version " + fromVersion,
                "version " + toVersion,
                original,
                DiffUtils.diff(original, revised),
                CONTEXT_LINES);
        return unified.stream()
                .skip(2)
                .map(line -> new DiffLine(
                        line,
                        line.startsWith("@@")
                                ? "hunk"
                                : line.startsWith("+") ? "added" : line.startsWith("-") ? "removed" : "same"))
                .toList();
    }
}
