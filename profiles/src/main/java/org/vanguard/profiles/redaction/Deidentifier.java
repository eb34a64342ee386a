package org.vanguard.profiles.redaction;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

/**
 * De-identifies a resource in place, the same way wherever it leaves (push, pull, query, replay), as its
 * {@link Deidentification} says:
 * <ul>
 *   <li>every identifier, wherever it stands (the resource's own, in references such as subject, author, performer or
 *       careTeam, in contained resources, in extensions) is removed, except organisations' ODS codes; pseudonymised
 *       data carries the agreement's keyed pseudonym in place of the NHS number;</li>
 *   <li>names, telecoms, photos and other attachments, and narrative are removed; a reference keeps no display unless
 *       it points to an organisation;</li>
 *   <li>free text (notes, descriptions, codings' displays, extension strings) keeps its words but loses anything that
 *       looks like an NHS number and every part of the patient's names, each replaced by {@value #REDACTED};</li>
 *   <li>the Patient's id (and every reference to it) becomes the pseudonym, or {@value #ANONYMOUS_ID} when anonymised;
 *       a pseudonymised Patient always carries the pseudonym as its identifier; other ids that carry an NHS number or a
 *       name are rewritten;</li>
 *   <li>quasi-identifiers are generalised, not dropped: the birth date to its year or to the first year of its
 *       five-year band (with the band in extension {@value #BIRTH_YEAR_BAND}), the address to its postcode district;
 *       a date of death becomes "deceased: true".</li>
 * </ul>
 */
public final class Deidentifier {

    /** What replaces an NHS number or a name in free text. */
    public static final String REDACTED = "[redacted]";
    /** The id every anonymised Patient takes: nothing links it to a person or to another delivery. */
    public static final String ANONYMOUS_ID = "anonymised";
    /** Extension on {@code Patient.birthDate} giving the five-year band of an anonymised birth year, e.g. 1935-1939. */
    public static final String BIRTH_YEAR_BAND = "https://vanguard-hub.org/fhir/StructureDefinition/birth-year-band";

    static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    static final String PSEUDONYM_SYSTEM = "https://vanguard-hub.org/fhir/Id/pseudonym";

    /** Ten digits, optionally grouped 3-3-4 by spaces or hyphens, as NHS numbers are written. */
    private static final Pattern NHS_NUMBER_LIKE =
            Pattern.compile("(?<![0-9])[0-9]{3}[ \\-]?[0-9]{3}[ \\-]?[0-9]{4}(?![0-9])");

    private static final Pattern OUTWARD_CODE = Pattern.compile("^\\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?)\\b.*");
    private static final Pattern NAME_PART = Pattern.compile("[\\p{L}][\\p{L}'\\-]+");

    /** The resource, de-identified in place. */
    public void apply(Resource resource, Deidentification deidentification, Collection<String> knownNames) {
        if (!deidentification.applies()) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String known : knownNames) {
            names.addAll(nameParts(known));
        }
        collectNames(resource, names);
        Scrubber scrubber = new Scrubber(names);
        String patientId = deidentification.pseudonym().orElse(ANONYMOUS_ID);
        deidentify(resource, true, deidentification, scrubber, patientId);
    }

    /** The name parts in a resource: every HumanName and every display of a reference to a person. */
    public static Set<String> namesIn(Resource resource) {
        Set<String> names = new LinkedHashSet<>();
        collectNames(resource, names);
        return names;
    }

    private void deidentify(
            Resource resource, boolean topLevel, Deidentification plan, Scrubber scrubber, String patientId) {
        if (resource instanceof Patient patient) {
            if (topLevel) {
                patient.setId(patientId);
            } else if (patient.getIdElement().hasIdPart()) {
                patient.setId(scrubber.id(patient.getIdElement().getIdPart()));
            }
            generaliseBirthDate(patient, plan.formOf("Patient.birthDate"));
            if (patient.hasDeceasedDateTimeType()) {
                patient.setDeceased(new BooleanType(true));
            }
        } else if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
            String id = resource.getIdElement().getIdPart();
            String scrubbed = scrubber.id(id);
            if (!scrubbed.equals(id)) {
                resource.setId(scrubbed);
            }
        }
        walk(resource, resource, plan, scrubber, patientId);
        if (topLevel
                && resource instanceof Patient patient
                && plan.level() == Deidentification.Level.PSEUDONYMISED
                && patient.getIdentifier().stream().noneMatch(i -> PSEUDONYM_SYSTEM.equals(i.getSystem()))) {
            patient.addIdentifier()
                    .setSystem(PSEUDONYM_SYSTEM)
                    .setValue(plan.pseudonym().orElseThrow());
        }
    }

    private void walk(Resource owner, Base element, Deidentification plan, Scrubber scrubber, String patientId) {
        for (Property property : element.children()) {
            if (!property.hasValues() || element instanceof Reference && "reference".equals(property.getName())) {
                continue; // a reference's target was rewritten already (deidentifyReference); a pseudonym may look like
                // digits
            }
            for (Base value : new ArrayList<>(property.getValues())) {
                if (value == null) {
                    continue;
                }
                if (value instanceof Narrative
                        || value instanceof HumanName
                        || value instanceof ContactPoint
                        || value instanceof Attachment) {
                    element.removeChild(property.getName(), value);
                } else if (value instanceof Address address) {
                    if (element == owner
                            && owner instanceof Patient
                            && "address".equals(property.getName())
                            && "postcode-district".equals(plan.formOf("Patient.address"))
                            && district(address).isPresent()) {
                        generaliseAddress(address);
                    } else {
                        element.removeChild(property.getName(), value);
                    }
                } else if (value instanceof Identifier identifier) {
                    if (!keepIdentifier(identifier, plan)) {
                        element.removeChild(property.getName(), value);
                    }
                } else if (value instanceof Reference reference) {
                    deidentifyReference(owner, reference, plan, scrubber, patientId);
                    if (reference.isEmpty()) {
                        if ("subject".equals(property.getName()) || "patient".equals(property.getName())) {
                            reference.setReference("Patient/" + patientId);
                        } else {
                            element.removeChild(property.getName(), value);
                        }
                    }
                } else if (value instanceof Extension extension) {
                    walk(owner, extension, plan, scrubber, patientId);
                    if (!extension.hasValue() && !extension.hasExtension()) {
                        element.removeChild(property.getName(), value);
                    }
                } else if (value instanceof Resource contained) {
                    deidentify(contained, false, plan, scrubber, patientId);
                } else if (value instanceof StringType text && !(value instanceof CodeType)) {
                    if (text.getValue() != null) {
                        text.setValue(scrubber.text(text.getValue()));
                    }
                } else if (!value.isPrimitive()) {
                    walk(owner, value, plan, scrubber, patientId);
                }
            }
        }
    }

    private void deidentifyReference(
            Resource owner, Reference reference, Deidentification plan, Scrubber scrubber, String patientId) {
        boolean organisation = isOrganisation(reference);
        if (reference.hasReference()) {
            String target = reference.getReference();
            if (target.startsWith("Patient/")) {
                reference.setReference("Patient/" + patientId);
            } else if (!target.startsWith("#") && !target.startsWith("urn:uuid:")) {
                int slash = target.lastIndexOf('/');
                reference.setReference(target.substring(0, slash + 1) + scrubber.id(target.substring(slash + 1)));
            }
        }
        if (!organisation) {
            reference.setDisplay(null);
        }
        walk(owner, reference, plan, scrubber, patientId);
    }

    /**
     * Keeps what identifies an organisation; turns the NHS number into the pseudonym (pseudonymised) or drops it;
     * keeps a pseudonym already there (a replay) only in pseudonymised data; drops every other identifier.
     */
    private static boolean keepIdentifier(Identifier identifier, Deidentification plan) {
        String system = identifier.getSystem() == null ? "" : identifier.getSystem();
        if (system.equalsIgnoreCase(ODS_SYSTEM)) {
            return true;
        }
        boolean pseudonymised = plan.level() == Deidentification.Level.PSEUDONYMISED;
        if (system.equals(PSEUDONYM_SYSTEM)) {
            return pseudonymised;
        }
        if (system.equalsIgnoreCase(NHS_NUMBER_SYSTEM) && pseudonymised) {
            identifier.setSystem(PSEUDONYM_SYSTEM);
            identifier.setValue(plan.pseudonym().orElseThrow());
            identifier.setUse(null);
            identifier.setType(null);
            identifier.setPeriod(null);
            identifier.setAssigner(null);
            identifier.getExtension().clear();
            identifier.setId(null);
            return true;
        }
        return false;
    }

    private static boolean isOrganisation(Reference reference) {
        return reference.hasReference() && reference.getReference().startsWith("Organization/")
                || reference.hasIdentifier()
                        && reference.getIdentifier().getSystem() != null
                        && reference.getIdentifier().getSystem().equalsIgnoreCase(ODS_SYSTEM);
    }

    private static void generaliseBirthDate(Patient patient, String form) {
        if (!patient.hasBirthDate()) {
            return;
        }
        int year = patient.getBirthDateElement().getYear();
        switch (form) {
            case "year" -> {
                DateType generalised = new DateType(String.format(Locale.ROOT, "%04d", year));
                patient.setBirthDateElement(generalised);
            }
            case "five-year-band" -> {
                int start = year - Math.floorMod(year, 5);
                DateType generalised = new DateType(String.format(Locale.ROOT, "%04d", start));
                generalised.setPrecision(TemporalPrecisionEnum.YEAR);
                generalised.addExtension(BIRTH_YEAR_BAND, new StringType(start + "-" + (start + 4)));
                patient.setBirthDateElement(generalised);
            }
            default -> patient.setBirthDateElement(null);
        }
    }

    private static Optional<String> district(Address address) {
        if (!address.hasPostalCode()) {
            return Optional.empty();
        }
        Matcher matcher = OUTWARD_CODE.matcher(address.getPostalCode());
        return matcher.matches() ? Optional.of(matcher.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    private static void generaliseAddress(Address address) {
        String district = district(address).orElseThrow();
        address.setUse(null);
        address.setType(null);
        address.setText(null);
        address.getLine().clear();
        address.setCity(null);
        address.setDistrict(null);
        address.setState(null);
        address.setPeriod(null);
        address.getExtension().clear();
        address.setId(null);
        address.setPostalCode(district);
    }

    private static void collectNames(Base element, Set<String> names) {
        for (Property property : element.children()) {
            if (!property.hasValues()) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof HumanName name) {
                    name.getGiven().forEach(given -> names.addAll(nameParts(given.getValue())));
                    names.addAll(nameParts(name.getFamily()));
                    names.addAll(nameParts(name.getText()));
                } else if (value instanceof Reference reference
                        && reference.hasDisplay()
                        && !isOrganisation(reference)) {
                    names.addAll(nameParts(reference.getDisplay()));
                } else if (value != null && !value.isPrimitive()) {
                    collectNames(value, names);
                }
            }
        }
    }

    private static List<String> nameParts(@Nullable String text) {
        List<String> parts = new ArrayList<>();
        if (text == null) {
            return parts;
        }
        Matcher matcher = NAME_PART.matcher(text);
        while (matcher.find()) {
            parts.add(matcher.group());
        }
        return parts;
    }

    /** Replaces NHS-number-like digits and the patient's name parts in text and ids. */
    private static final class Scrubber {
        private final @Nullable Pattern names;

        Scrubber(Set<String> nameParts) {
            this.names = nameParts.isEmpty()
                    ? null
                    : Pattern.compile(
                            "(?<![\\p{L}])(?:"
                                    + nameParts.stream()
                                            .sorted((a, b) -> b.length() - a.length())
                                            .map(Pattern::quote)
                                            .collect(Collectors.joining("|"))
                                    + ")(?![\\p{L}])",
                            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }

        String text(String text) {
            String scrubbed = NHS_NUMBER_LIKE.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
            return names == null ? scrubbed : names.matcher(scrubbed).replaceAll(Matcher.quoteReplacement(REDACTED));
        }

        /** An id keeps its form ({@code [A-Za-z0-9.-]}): what is scrubbed becomes {@code redacted}. */
        String id(String id) {
            String scrubbed = NHS_NUMBER_LIKE.matcher(id).replaceAll("redacted");
            return names == null ? scrubbed : names.matcher(scrubbed).replaceAll("redacted");
        }
    }
}
