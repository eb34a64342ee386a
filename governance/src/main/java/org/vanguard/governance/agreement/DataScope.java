package org.vanguard.governance.agreement;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vanguard.governance.sensitivity.SensitiveCategory;

/**
 * What an agreement lets out of each record, as the data minimisation principle (UK GDPR Art 5(1)(c)) and
 * the ICO data sharing code ask an agreement to record: the elements allowed per resource type, how
 * identifiable the data may be, and which sensitive categories may be included at all.
 *
 * @param elements top-level FHIR elements allowed per resource type; a type not listed keeps all its elements
 * @param identifiability identifiable, pseudonymised or anonymised (ICO anonymisation guidance)
 * @param sensitiveCategories the sensitive categories the agreement allows; any other is withheld, and these
 *     are shared only where the patient's Consent allows them too (DOMAIN.md step 6)
 * @param generalise the form each quasi-identifier takes in pseudonymised or anonymised data ({@code Patient.birthDate}:
 *     year, five-year-band or omit; {@code Patient.address}: postcode-district or omit); an element not named takes
 *     {@link GeneralisedForm#byDefault}; ignored for identifiable data
 */
public record DataScope(
        Map<String, Set<String>> elements,
        Identifiability identifiability,
        Set<SensitiveCategory> sensitiveCategories,
        Map<String, GeneralisedForm> generalise) {

    private static final Pattern ELEMENT = Pattern.compile("[a-z][A-Za-z0-9]*");

    private static final DataScope WHOLE_RECORDS = new DataScope(Map.of(), Identifiability.IDENTIFIABLE, Set.of());

    /** A data scope whose quasi-identifiers take their default forms. */
    public DataScope(
            Map<String, Set<String>> elements,
            Identifiability identifiability,
            Set<SensitiveCategory> sensitiveCategories) {
        this(elements, identifiability, sensitiveCategories, Map.of());
    }

    public DataScope {
        Objects.requireNonNull(elements, "elements");
        Objects.requireNonNull(identifiability, "identifiability");
        Objects.requireNonNull(sensitiveCategories, "sensitiveCategories");
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        elements.forEach((type, names) -> {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("the data scope of " + type
                        + " lists no elements; leave the type out to keep all its elements");
            }
            for (String name : names) {
                if (name == null || !ELEMENT.matcher(name).matches()) {
                    throw new IllegalArgumentException("'" + name + "' is not a top-level element name of " + type);
                }
            }
            copy.put(type, Set.copyOf(names));
        });
        elements = Map.copyOf(copy);
        sensitiveCategories =
                sensitiveCategories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sensitiveCategories));
        Objects.requireNonNull(generalise, "generalise");
        generalise.forEach((element, form) -> {
            Set<GeneralisedForm> allowed = GeneralisedForm.ALLOWED.get(element);
            if (allowed == null) {
                throw new IllegalArgumentException("'" + element
                        + "' is not a quasi-identifier the hub generalises; expected one of "
                        + GeneralisedForm.ALLOWED.keySet().stream().sorted().toList());
            }
            if (!allowed.contains(form)) {
                throw new IllegalArgumentException(element + " cannot take the form '" + form.label()
                        + "'; expected one of "
                        + allowed.stream().map(GeneralisedForm::label).sorted().toList());
            }
        });
        generalise = Map.copyOf(generalise);
    }

    /** The form the quasi-identifier takes at this data scope's identifiability: as the agreement says, or by default. */
    public GeneralisedForm formOf(String element) {
        GeneralisedForm form = generalise.get(element);
        return form != null ? form : GeneralisedForm.byDefault(element, identifiability);
    }

    /**
     * Whole, identifiable records with no sensitive category: what an agreement that records no data scope
     * allows. Sensitive items stay withheld, as they are by default in shared records in England.
     */
    public static DataScope wholeRecords() {
        return WHOLE_RECORDS;
    }

    /** The elements allowed for the resource type, or empty when the agreement keeps all of them. */
    public Optional<Set<String>> elementsOf(String resourceType) {
        return Optional.ofNullable(elements.get(resourceType));
    }
}
