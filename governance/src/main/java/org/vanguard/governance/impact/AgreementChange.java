package org.vanguard.governance.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.vanguard.governance.agreement.Agreement;
import org.vanguard.governance.agreement.AgreementCatalogue;
import org.vanguard.governance.agreement.AgreementStatus;
import org.vanguard.governance.agreement.Party;
import org.vanguard.governance.participant.OdsCode;

/**
 * A change to one agreement, weighed before it takes effect. Sealed: every kind of change says how it turns the
 * catalogue in force into the catalogue as it would be.
 */
public sealed interface AgreementChange {

    /** The agreement the change is about. */
    Agreement agreement();

    /** The change in words, for the report. */
    String describe();

    /** The agreements as they would stand once the change takes effect; the catalogue given is not changed. */
    default AgreementCatalogue applyTo(AgreementCatalogue current) {
        Agreement changed = changed();
        List<Agreement> agreements = new ArrayList<>(current.all().size() + 1);
        boolean replaced = false;
        for (Agreement agreement : current.all()) {
            if (agreement.id().equals(changed.id())) {
                agreements.add(changed);
                replaced = true;
            } else {
                agreements.add(agreement);
            }
        }
        if (!replaced) {
            agreements.add(changed);
        }
        return new AgreementCatalogue(agreements);
    }

    /** The agreement as it would be in force after the change. */
    Agreement changed();

    /** The organisations whose exchanges the change can touch: the agreement's parties. */
    default Set<OdsCode> parties() {
        return agreement().parties().stream().map(Party::ods).collect(Collectors.toUnmodifiableSet());
    }

    /** A version awaiting approval, as it would be once every party has approved it. */
    record Approval(Agreement agreement) implements AgreementChange {
        public Approval {
            Objects.requireNonNull(agreement, "agreement");
        }

        @Override
        public Agreement changed() {
            return agreement.withStatus(AgreementStatus.ACTIVE);
        }

        @Override
        public String describe() {
            return "approving " + agreement.id() + " v" + agreement.version() + " (\"" + agreement.title() + "\")";
        }
    }

    /** The agreement suspended: nothing flows under it until it is resumed. */
    record Suspension(Agreement agreement) implements AgreementChange {
        public Suspension {
            Objects.requireNonNull(agreement, "agreement");
        }

        @Override
        public Agreement changed() {
            return agreement.withStatus(AgreementStatus.SUSPENDED);
        }

        @Override
        public String describe() {
            return "suspending " + agreement.id() + " v" + agreement.version();
        }
    }

    /** The agreement terminated, for good. */
    record Termination(Agreement agreement) implements AgreementChange {
        public Termination {
            Objects.requireNonNull(agreement, "agreement");
        }

        @Override
        public Agreement changed() {
            return agreement.withStatus(AgreementStatus.TERMINATED);
        }

        @Override
        public String describe() {
            return "terminating " + agreement.id() + " v" + agreement.version();
        }
    }
}
