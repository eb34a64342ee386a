package org.vanguard.hub.console;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementLifecycle;
import org.vanguard.governance.agreement.Party;
import org.vanguard.governance.agreement.PurposeTerms;

/**
 * One agreement as a row of the agreements table: its status today (lifecycle and dates applied), its parties and
 * purposes, and whether its review is due soon or past, so the officer sees at a glance what needs attention.
 */
record AgreementRow(
        String id,
        int version,
        String title,
        String status,
        List<String> parties,
        List<String> purposes,
        @Nullable LocalDate reviewDate,
        boolean reviewDue,
        boolean reviewPast,
        List<String> awaitingApproval) {

    static AgreementRow of(AgreementLifecycle lifecycle, LocalDate today, LocalDate horizon) {
        Agreement a = lifecycle.asWritten();
        LocalDate review = a.reviewDate().orElse(null);
        boolean past = review != null && review.isBefore(today);
        boolean due = review != null && !past && !review.isAfter(horizon);
        return new AgreementRow(
                a.id(),
                a.version(),
                a.title(),
                lifecycle.stageOn(today),
                a.parties().stream().map(Party::ods).map(Object::toString).toList(),
                a.purposes().stream()
                        .map(PurposeTerms::purpose)
                        .map(p -> p.code())
                        .toList(),
                review,
                due,
                past,
                lifecycle.awaitingApproval().stream()
                        .map(Object::toString)
                        .sorted()
                        .toList());
    }
}
