package org.vanguard.hub.console.mdt;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The shared Patient and CarePlan as a clinician reads them (names, dates, activities in words), never as JSON. Only
 * what the release left is shown: a minimised or withheld element is simply absent.
 */
final class ClinicalSummary {

    private static final String NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

    private ClinicalSummary() {}

    /** The Patient in words. */
    record PatientCard(
            String name,
            String nhsNumber,
            String birthDate,
            String gender,
            String address,
            String telecom,
            String practice) {}

    /** The CarePlan in words. */
    record CarePlanCard(
            String title,
            String status,
            String intent,
            String period,
            String description,
            List<String> activities,
            List<String> goals,
            List<String> team,
            String author,
            String created) {}

    static PatientCard patient(Patient patient) {
        String name = patient.getName().stream()
                .findFirst()
                .map(ClinicalSummary::name)
                .orElse("(no name shared)");
        String nhs = patient.getIdentifier().stream()
                .filter(i -> NHS_SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue)
                .findFirst()
                .orElse("");
        return new PatientCard(
                name,
                spaced(nhs),
                date(patient.getBirthDate()),
                patient.hasGender() ? patient.getGender().getDisplay() : "",
                patient.getAddress().stream().map(ClinicalSummary::address).collect(Collectors.joining("; ")),
                patient.getTelecom().stream().map(ClinicalSummary::telecom).collect(Collectors.joining("; ")),
                patient.getGeneralPractitioner().stream()
                        .map(ClinicalSummary::reference)
                        .collect(Collectors.joining("; ")));
    }

    static CarePlanCard carePlan(CarePlan plan) {
        List<String> activities = new ArrayList<>();
        for (CarePlan.CarePlanActivityComponent activity : plan.getActivity()) {
            StringBuilder text = new StringBuilder();
            if (activity.hasDetail()) {
                CarePlan.CarePlanActivityDetailComponent detail = activity.getDetail();
                text.append(detail.hasDescription() ? detail.getDescription() : concept(detail.getCode()));
                if (detail.hasStatus()) {
                    text.append(" (")
                            .append(detail.getStatus().getDisplay().toLowerCase(Locale.ROOT))
                            .append(')');
                }
                if (detail.hasScheduledPeriod()) {
                    text.append(", ").append(period(detail.getScheduledPeriod()));
                } else if (detail.hasScheduledStringType()) {
                    text.append(", ").append(detail.getScheduledStringType().getValue());
                }
                detail.getPerformer().forEach(p -> text.append("; by ").append(reference(p)));
            } else if (activity.hasReference()) {
                text.append(reference(activity.getReference()));
            }
            activity.getProgress().forEach(note -> text.append(". Progress: ").append(note.getText()));
            if (!text.isEmpty()) {
                activities.add(text.toString());
            }
        }
        List<String> goals = new ArrayList<>();
        for (Reference goal : plan.getGoal()) {
            Resource contained = goal.getResource() instanceof Resource ? (Resource) goal.getResource() : null;
            if (contained instanceof Goal) {
                goals.add(concept(((Goal) contained).getDescription()));
            } else {
                goals.add(reference(goal));
            }
        }
        for (Resource contained : plan.getContained()) {
            if (contained instanceof Goal
                    && goals.stream().noneMatch(g -> g.equals(concept(((Goal) contained).getDescription())))) {
                goals.add(concept(((Goal) contained).getDescription()));
            }
        }
        List<String> team = new ArrayList<>();
        plan.getCareTeam().forEach(t -> team.add(reference(t)));
        plan.getContributor().forEach(c -> team.add(reference(c)));
        return new CarePlanCard(
                plan.hasTitle() ? plan.getTitle() : "Care plan",
                plan.hasStatus() ? plan.getStatus().getDisplay() : "",
                plan.hasIntent() ? plan.getIntent().getDisplay() : "",
                plan.hasPeriod() ? period(plan.getPeriod()) : "",
                plan.hasDescription() ? plan.getDescription() : "",
                activities,
                goals,
                team,
                plan.hasAuthor() ? reference(plan.getAuthor()) : "",
                plan.hasCreated() ? date(plan.getCreated()) : "");
    }

    private static String name(HumanName name) {
        String given = name.getGiven().stream().map(g -> g.getValue()).collect(Collectors.joining(" "));
        String family = name.hasFamily() ? name.getFamily().toUpperCase(Locale.ROOT) : "";
        String text = (family + ", " + given).replaceAll("^, |, $", "").strip();
        return text.isEmpty() && name.hasText() ? name.getText() : text;
    }

    private static String address(Address address) {
        List<String> parts = new ArrayList<>();
        address.getLine().forEach(l -> parts.add(l.getValue()));
        if (address.hasCity()) {
            parts.add(address.getCity());
        }
        if (address.hasPostalCode()) {
            parts.add(address.getPostalCode());
        }
        return parts.isEmpty() && address.hasText() ? address.getText() : String.join(", ", parts);
    }

    private static String telecom(ContactPoint point) {
        return (point.hasSystem() ? point.getSystem().getDisplay() + ": " : "") + point.getValue();
    }

    static String reference(Reference reference) {
        if (reference.hasDisplay()) {
            return reference.getDisplay()
                    + (reference.hasIdentifier() && reference.getIdentifier().hasValue()
                            ? " (" + reference.getIdentifier().getValue() + ")"
                            : "");
        }
        if (reference.hasIdentifier() && reference.getIdentifier().hasValue()) {
            return reference.getIdentifier().getValue();
        }
        return reference.hasReference() && !reference.getReference().startsWith("urn:") ? reference.getReference() : "";
    }

    private static String concept(CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream()
                .map(c -> c.hasDisplay() ? c.getDisplay() : c.getCode())
                .collect(Collectors.joining(", "));
    }

    private static String period(Period period) {
        String start = period.hasStart() ? date(period.getStart()) : "";
        String end = period.hasEnd() ? date(period.getEnd()) : "";
        return start.isEmpty() && end.isEmpty()
                ? ""
                : end.isEmpty() ? "from " + start : start.isEmpty() ? "until " + end : start + " to " + end;
    }

    static String date(Date date) {
        if (date == null) {
            return "";
        }
        SimpleDateFormat format = new SimpleDateFormat("d MMM yyyy", Locale.UK);
        format.setTimeZone(TimeZone.getTimeZone("Europe/London"));
        return format.format(date);
    }

    /** An NHS number as people write it, 943 476 5919. */
    static String spaced(String nhs) {
        return nhs.length() == 10 ? nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6) : nhs;
    }
}
