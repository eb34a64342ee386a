package org.vanguard.profiles.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedactorTests {

    private static final String HIV_LABEL = "http://terminology.hl7.org/CodeSystem/v3-ActCode|HIV";
    private static final String TREAT = "http://terminology.hl7.org/CodeSystem/v3-ActReason|TREAT";
    private final Redactor redactor = new Redactor(SensitiveCodes.shipped());

    private static RedactionPlan plan(Map<String, Set<String>> keep, Set<String> sensitive, boolean anonymise) {
        return new RedactionPlan(
                keep,
                sensitive,
                true,
                anonymise
                        ? new Deidentification(
                                Deidentification.Level.ANONYMISED,
                                Optional.empty(),
                                Map.of("Patient.birthDate", "omit", "Patient.address", "omit"))
                        : Deidentification.none(),
                "N",
                TREAT);
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue("9434765919");
        patient.addName().setFamily("Hartley");
        patient.addAddress().setCity("Riverside");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("01632 960000");
        patient.addContact().addTelecom().setValue("01632 960001");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    private static CarePlan carePlan() {
        CarePlan carePlan = new CarePlan();
        carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.setSubject(new Reference().setDisplay("Edith"));
        carePlan.setTitle("Falls prevention");
        carePlan.addActivity()
                .getDetail()
                .setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "165816005", "HIV positive")));
        carePlan.addActivity()
                .getDetail()
                .setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "129041000000107", "Falls risk")));
        return carePlan;
    }

    @Test
    @DisplayName("a restricted patient loses address, telecom and contacts, and leaves labelled R")
    void restrictedPatient() {
        Patient patient = patient();
        patient.getMeta().addSecurity(Redactor.CONFIDENTIALITY_SYSTEM, "R", null);

        Patient out = (Patient)
                redactor.apply(patient, plan(Map.of(), Set.of(), false)).orElseThrow();

        assertThat(out.getAddress()).isEmpty();
        assertThat(out.getTelecom()).isEmpty();
        assertThat(out.getContact()).isEmpty();
        assertThat(out.getName()).hasSize(1);
        assertThat(out.getMeta().getSecurity())
                .extracting(Coding::getCode)
                .contains("R", "TREAT")
                .doesNotContain("N");
        assertThat(patient.getAddress()).as("the original is untouched").hasSize(1);
    }

    @Test
    @DisplayName("an unrestricted patient keeps contact details and leaves labelled N with its purpose")
    void ordinaryPatient() {
        Patient out = (Patient)
                redactor.apply(patient(), plan(Map.of(), Set.of(), false)).orElseThrow();

        assertThat(out.getAddress()).hasSize(1);
        assertThat(out.getMeta().getSecurity())
                .extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactlyInAnyOrder(Redactor.CONFIDENTIALITY_SYSTEM + "|N", TREAT);
    }

    @Test
    @DisplayName("a CarePlan activity with a sensitive clinical code is removed unless its category is allowed")
    void sensitiveActivity() {
        CarePlan withheld = (CarePlan)
                redactor.apply(carePlan(), plan(Map.of(), Set.of(), false)).orElseThrow();
        CarePlan allowed = (CarePlan) redactor.apply(carePlan(), plan(Map.of(), Set.of(HIV_LABEL), false))
                .orElseThrow();

        assertThat(withheld.getActivity())
                .extracting(a -> a.getDetail().getCode().getCodingFirstRep().getCode())
                .containsExactly("129041000000107");
        assertThat(allowed.getActivity()).hasSize(2);
    }

    @Test
    @DisplayName("a resource labelled with a sensitive category is withheld whole unless the category is allowed")
    void labelledResource() {
        CarePlan labelled = carePlan();
        labelled.getMeta().addSecurity("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIV", null);

        assertThat(redactor.apply(labelled, plan(Map.of(), Set.of(), false))).isEmpty();
        assertThat(redactor.apply(labelled, plan(Map.of(), Set.of(HIV_LABEL), false)))
                .isPresent();
    }

    @Test
    @DisplayName("a data scope keeps only the agreed elements, and never the required ones")
    void keepOnly() {
        Optional<Resource> out =
                redactor.apply(carePlan(), plan(Map.of("CarePlan", Set.of("title")), Set.of(HIV_LABEL), false));

        CarePlan carePlan = (CarePlan) out.orElseThrow();
        assertThat(carePlan.getTitle()).isEqualTo("Falls prevention");
        assertThat(carePlan.getActivity()).isEmpty();
        assertThat(carePlan.hasStatus()).isTrue();
        assertThat(carePlan.hasIntent()).isTrue();
        assertThat(carePlan.hasSubject()).isTrue();
    }

    @Test
    @DisplayName(
            "anonymised sharing whose agreement omits birth date and address strips them with identifiers, name and contacts")
    void anonymised() {
        Patient out = (Patient)
                redactor.apply(patient(), plan(Map.of(), Set.of(), true)).orElseThrow();

        assertThat(out.getIdentifier()).isEmpty();
        assertThat(out.getName()).isEmpty();
        assertThat(out.getAddress()).isEmpty();
        assertThat(out.hasBirthDate()).isFalse();
        assertThat(out.getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);
    }

    @Test
    @DisplayName("the shipped sensitive codes load from the classpath")
    void shippedCodes() {
        assertThat(SensitiveCodes.shipped().size()).isGreaterThanOrEqualTo(15);
    }
}
