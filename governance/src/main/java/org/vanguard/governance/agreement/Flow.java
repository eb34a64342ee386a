package org.vanguard.governance.agreement;

import java.util.Objects;
import java.util.Set;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.purpose.Purpose;

/**
 * One clause of an agreement: who may send which resource types to whom, for which purposes. Flows are
 * directional; sharing back needs a flow of its own.
 */
public record Flow(int index, Set<OdsCode> from, Set<OdsCode> to, Set<String> resourceTypes, Set<Purpose> purposes) {

    public Flow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isEmpty() || to.isEmpty()) {
            throw new IllegalArgumentException("a flow names at least one sender and one recipient");
        }
        if (resourceTypes == null || resourceTypes.isEmpty()) {
            throw new IllegalArgumentException("a flow names at least one resource type");
        }
        if (purposes == null || purposes.isEmpty()) {
            throw new IllegalArgumentException("a flow names at least one purpose");
        }
        from = Set.copyOf(from);
        to = Set.copyOf(to);
        resourceTypes = Set.copyOf(resourceTypes);
        purposes = Set.copyOf(purposes);
    }

    /** How an IG officer finds this clause in the agreement file. */
    public String clause() {
        return "flows[" + index + "]";
    }

    public boolean covers(OdsCode sender, OdsCode recipient, String resourceType, Purpose purpose) {
        return from.contains(sender)
                && to.contains(recipient)
                && resourceTypes.contains(resourceType)
                && purposes.contains(purpose);
    }
}
