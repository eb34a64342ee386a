package org.vanguard.governance.consent;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.vanguard.governance.participant.OdsCode;
import org.vanguard.governance.purpose.Purpose;
import org.vanguard.governance.sensitivity.SensitiveCategory;

/**
 * Reads a patient's Consent the way IHE Privacy Consent on FHIR (PCF) and FHIR R4 {@code Consent.provision}
 * define it: only an active Consent speaks; the root provision's type is the base decision (a root that states none
 * decides nothing by itself); a nested
 * provision that matches the exchange (actor, purpose, resource class, security label, period; an empty
 * limit matches anything) is an exception that overrides its parent, so the deepest match wins; among
 * sibling provisions that match, deny overrides permit.
 *
 * <p>Security labels: a provision limited by security labels speaks only about data carrying one of them.
 * A resource as a whole is judged without labels; each sensitive category is judged as data carrying that
 * category's label, and counts as permitted only where a permitting provision names the label itself, so a
 * broad permit never releases sensitive items by accident (DOMAIN.md: agreement and consent must both allow).
 * A label is written as its code ({@code PSY}) or as {@code system|code}.
 */
public final class ConsentEvaluation {

    private ConsentEvaluation() {}

    /** What the current Consent says about the actor receiving the resource type for the purpose at the instant. */
    public static ConsentVerdict evaluate(
            Optional<ConsentRecord> current, OdsCode actor, Purpose purpose, String resourceType, Instant at) {
        if (current.isEmpty()) {
            return ConsentVerdict.noConsent();
        }
        ConsentRecord consent = current.get();
        ConsentProvision deciding =
                consent.isActive() ? decide(consent.root(), actor, purpose, resourceType, at, null) : null;
        if (deciding == null || deciding.type() == ConsentAction.UNSTATED) {
            return new ConsentVerdict(ConsentVerdict.Outcome.NO_OPINION, current, Optional.empty());
        }
        return new ConsentVerdict(
                deciding.type() == ConsentAction.PERMIT ? ConsentVerdict.Outcome.PERMIT : ConsentVerdict.Outcome.DENY,
                current,
                Optional.of(deciding));
    }

    /**
     * The sensitive categories among {@code candidates} that the current Consent explicitly permits for this
     * exchange: the provision deciding for data labelled with the category permits and names that label.
     */
    public static Set<SensitiveCategory> permittedCategories(
            Optional<ConsentRecord> current,
            OdsCode actor,
            Purpose purpose,
            String resourceType,
            Instant at,
            Set<SensitiveCategory> candidates) {
        if (current.isEmpty() || !current.get().isActive() || candidates.isEmpty()) {
            return Set.of();
        }
        Set<SensitiveCategory> permitted = EnumSet.noneOf(SensitiveCategory.class);
        for (SensitiveCategory category : candidates) {
            ConsentProvision deciding = decide(current.get().root(), actor, purpose, resourceType, at, category);
            if (deciding != null
                    && deciding.type() == ConsentAction.PERMIT
                    && names(deciding.securityLabels(), category)) {
                permitted.add(category);
            }
        }
        return permitted;
    }

    /** The provision that decides, or {@code null} when the root itself does not apply. */
    private static @Nullable ConsentProvision decide(
            ConsentProvision root,
            OdsCode actor,
            Purpose purpose,
            String type,
            Instant at,
            @Nullable SensitiveCategory label) {
        if (!matches(root, actor, purpose, type, at, label)) {
            return null;
        }
        return deepest(root, actor, purpose, type, at, label);
    }

    private static ConsentProvision deepest(
            ConsentProvision provision,
            OdsCode actor,
            Purpose purpose,
            String type,
            Instant at,
            @Nullable SensitiveCategory label) {
        ConsentProvision permit = null;
        ConsentProvision deny = null;
        List<ConsentProvision> nested = provision.provisions();
        for (int i = 0; i < nested.size(); i++) {
            ConsentProvision child = nested.get(i);
            if (matches(child, actor, purpose, type, at, label)) {
                ConsentProvision decided = deepest(child, actor, purpose, type, at, label);
                if (decided.type() == ConsentAction.DENY) {
                    if (deny == null) {
                        deny = decided;
                    }
                } else if (permit == null) {
                    permit = decided;
                }
            }
        }
        if (deny != null) {
            return deny;
        }
        return permit != null ? permit : provision;
    }

    private static boolean matches(
            ConsentProvision provision,
            OdsCode actor,
            Purpose purpose,
            String type,
            Instant at,
            @Nullable SensitiveCategory label) {
        if (!provision.period().contains(at)) {
            return false;
        }
        if (!provision.actors().isEmpty() && !provision.actors().contains(actor)) {
            return false;
        }
        if (provision.limitsPurpose() && !provision.purposes().contains(purpose)) {
            return false;
        }
        if (!provision.resourceTypes().isEmpty() && !provision.resourceTypes().contains(type)) {
            return false;
        }
        return provision.securityLabels().isEmpty() || (label != null && names(provision.securityLabels(), label));
    }

    private static boolean names(Set<String> labels, SensitiveCategory category) {
        return labels.contains(category.code()) || labels.contains(category.system() + "|" + category.code());
    }
}
