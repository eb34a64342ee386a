package org.vanguard.profiles.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * Property: whatever Patient or CarePlan arrives, with the patient's NHS number and names placed in every element
 * that can carry them (identifiers of the resource and of its references, contained resources, extensions,
 * narrative, notes, descriptions, ids and references), the pseudonymised release never contains the NHS number (in
 * any spacing) or any part of the names anywhere in its serialised form, and keeps exactly the agreed elements in
 * their agreed forms; the anonymised release carries no pseudonym either.
 */
class DeidentificationPropertyTests {

    private static final String NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";
    private static final String ODS_SYSTEM = "https://fhir.nhs.uk/Id/ods-organization-code";
    private static final String PSEUDONYM = "k1-0123456789abcdef0123456789abcdef01234567";
    private static final Map<String, String> FORMS =
            Map.of("Patient.birthDate", "year", "Patient.address", "postcode-district");
    private static final Map<String, Set<String>> KEEP = Map.of(
            "Patient",
                    Set.of("gender", "birthDate", "address", "generalPractitioner", "extension", "contained", "text"),
            "CarePlan",
                    Set.of(
                            "status",
                            "intent",
                            "subject",
                            "title",
                            "description",
                            "author",
                            "careTeam",
                            "note",
                            "activity",
                            "contributor",
                            "extension",
                            "contained",
                            "text",
                            "identifier"));

    private final Redactor redactor = new Redactor(SensitiveCodes.shipped());

    /** A patient as generated: NHS number, names, birth date and postcode. */
    record Person(
            String nhsNumber, String given, String family, Date birthDate, String postcode, boolean idIsNhsNumber) {
        List<String> nhsSpellings() {
            return List.of(
                    nhsNumber,
                    nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6),
                    nhsNumber.substring(0, 3) + "-" + nhsNumber.substring(3, 6) + "-" + nhsNumber.substring(6));
        }
    }

    @Property(tries = 200)
    void pseudonymisedPatientLeaksNothingAndKeepsTheAgreedForms(@ForAll("people") Person person) {
        Patient out = (Patient) release(patient(person), pseudonymised(), List.of());

        String json = FhirParsing.toJson(out);
        assertNoPersonalData(json, person);
        assertThat(out.getIdElement().getIdPart()).isEqualTo(PSEUDONYM);
        assertThat(out.getIdentifier()).singleElement().satisfies(identifier -> {
            assertThat(identifier.getSystem()).isEqualTo(Deidentifier.PSEUDONYM_SYSTEM);
            assertThat(identifier.getValue()).isEqualTo(PSEUDONYM);
        });
        assertThat(out.getBirthDateElement().getPrecision().name()).isEqualTo("YEAR");
        assertThat(out.getBirthDateElement().getYear())
                .isEqualTo(patient(person).getBirthDateElement().getYear());
        assertThat(out.getAddress()).singleElement().satisfies(address -> {
            assertThat(address.getPostalCode()).isEqualTo(person.postcode().split(" ")[0]);
            assertThat(address.getLine()).isEmpty();
            assertThat(address.hasCity()).isFalse();
        });
        assertThat(out.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(out.getGeneralPractitionerFirstRep().getIdentifier().getValue())
                .isEqualTo("G81001");
        assertThat(out.hasName() || out.hasTelecom() || out.hasContact() || out.hasPhoto() || out.hasText())
                .isFalse();
    }

    @Property(tries = 200)
    void pseudonymisedCarePlanLeaksNothingAndCarriesThePseudonym(@ForAll("people") Person person) {
        CarePlan out = (CarePlan) release(carePlan(person), pseudonymised(), List.of(patient(person)));

        String json = FhirParsing.toJson(out);
        assertNoPersonalData(json, person);
        assertThat(out.getSubject().getIdentifier().getSystem()).isEqualTo(Deidentifier.PSEUDONYM_SYSTEM);
        assertThat(out.getSubject().getIdentifier().getValue()).isEqualTo(PSEUDONYM);
        assertThat(out.getSubject().getReference()).isEqualTo("Patient/" + PSEUDONYM);
        assertThat(out.getTitle()).isEqualTo("Falls prevention plan");
        assertThat(out.getDescription()).contains("fluid prompts").contains(Deidentifier.REDACTED);
        assertThat(out.getActivityFirstRep().getDetail().getDescription()).startsWith("Walking frame");
        assertThat(out.hasPeriod())
                .as("an element the agreement does not list is not kept")
                .isFalse();
        assertThat(out.getAuthor().hasIdentifier() || out.getAuthor().hasDisplay())
                .isFalse();
    }

    @Property(tries = 100)
    void anonymisedCarriesNoPseudonymAndOnlyTheBand(@ForAll("people") Person person) {
        Deidentification anonymised = new Deidentification(
                Deidentification.Level.ANONYMISED,
                Optional.empty(),
                Map.of("Patient.birthDate", "five-year-band", "Patient.address", "postcode-district"));
        Patient patient = (Patient) release(patient(person), anonymised, List.of());
        CarePlan carePlan = (CarePlan) release(carePlan(person), anonymised, List.of(patient(person)));

        for (Resource out : List.of(patient, carePlan)) {
            String json = FhirParsing.toJson(out);
            assertNoPersonalData(json, person);
            assertThat(json).doesNotContain(Deidentifier.PSEUDONYM_SYSTEM).doesNotContain(PSEUDONYM);
        }
        int year = patient(person).getBirthDateElement().getYear();
        assertThat(patient.getBirthDateElement().getYear()).isEqualTo(year - Math.floorMod(year, 5));
        assertThat(patient.getBirthDateElement().getExtensionString(Deidentifier.BIRTH_YEAR_BAND))
                .isEqualTo((year - Math.floorMod(year, 5)) + "-" + (year - Math.floorMod(year, 5) + 4));
        assertThat(patient.getIdentifier()).isEmpty();
        assertThat(carePlan.getSubject().getReference()).isEqualTo("Patient/" + Deidentifier.ANONYMOUS_ID);
    }

    @Provide
    Arbitrary<Person> people() {
        Arbitrary<String> nhs = Arbitraries.strings()
                .numeric()
                .ofLength(9)
                .map(DeidentificationPropertyTests::withCheckDigit)
                .filter(n -> n != null);
        Arbitrary<String> name = Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(3)
                .ofMaxLength(8)
                .map(s -> "Zq" + s);
        Arbitrary<Date> birth = Arbitraries.longs()
                .between(-1_500_000_000_000L, 1_000_000_000_000L)
                .map(Date::new);
        Arbitrary<String> postcode = Combinators.combine(
                        Arbitraries.of("LS", "M", "B", "SW", "EH"),
                        Arbitraries.integers().between(1, 29),
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.strings().withCharRange('A', 'Z').ofLength(2))
                .as((area, district, sector, unit) -> area + district + " " + sector + unit);
        return Combinators.combine(nhs, name, name, birth, postcode, Arbitraries.of(true, false))
                .as(Person::new);
    }

    /** Nine digits and their Modulus 11 check digit, or null where the check digit would be 10 (no such number). */
    private static String withCheckDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (nine.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return null;
        }
        return nine + (check == 11 ? 0 : check);
    }

    private Resource release(Resource resource, Deidentification deidentification, List<Resource> together) {
        RedactionPlan plan = new RedactionPlan(
                KEEP,
                Set.of(),
                true,
                deidentification,
                "N",
                "http://terminology.hl7.org/CodeSystem/v3-ActReason|POPHLTH");
        return redactor.apply(resource, plan, together).orElseThrow();
    }

    private static Deidentification pseudonymised() {
        return new Deidentification(Deidentification.Level.PSEUDONYMISED, Optional.of(PSEUDONYM), FORMS);
    }

    private static void assertNoPersonalData(String json, Person person) {
        for (String spelling : person.nhsSpellings()) {
            assertThat(json).doesNotContain(spelling);
        }
        String lower = json.toLowerCase(Locale.ROOT);
        assertThat(lower)
                .doesNotContain(person.given().toLowerCase(Locale.ROOT))
                .doesNotContain(person.family().toLowerCase(Locale.ROOT));
    }

    private static Narrative narrative(String text) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + text + "</div>");
        return narrative;
    }

    private static Identifier nhsIdentifier(Person person) {
        return new Identifier().setSystem(NHS_SYSTEM).setValue(person.nhsNumber());
    }

    private static Patient patient(Person person) {
        Patient patient = new Patient();
        patient.setId(
                person.idIsNhsNumber()
                        ? person.nhsNumber()
                        : "patient-" + person.family().toLowerCase(Locale.ROOT));
        patient.addIdentifier(nhsIdentifier(person));
        patient.addIdentifier().setSystem("https://care-home.example/mrn").setValue("MRN-" + person.nhsNumber());
        patient.addName()
                .setFamily(person.family())
                .addGiven(person.given())
                .setText(person.given() + " " + person.family());
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("0113 496 0000");
        patient.addAddress()
                .addLine("1 " + person.family() + " Road")
                .setCity("Leeds")
                .setPostalCode(person.postcode());
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(person.birthDate()));
        patient.addGeneralPractitioner(new Reference()
                .setIdentifier(new Identifier().setSystem(ODS_SYSTEM).setValue("G81001"))
                .setDisplay("Elm Tree Surgery"));
        patient.addContact().setName(new HumanName().setFamily(person.family()).addGiven("Margaret"));
        patient.setText(narrative(person.given() + " " + person.family() + ", NHS "
                + person.nhsSpellings().get(1)));
        patient.addExtension(new Extension("https://example.org/alias", new StringType("known as " + person.given())));
        patient.addExtension(new Extension("https://example.org/other-id", nhsIdentifier(person)));
        patient.addExtension(
                new Extension("https://example.org/next-of-kin", new HumanName().setFamily(person.family())));
        Patient contained = new Patient();
        contained.setId("pt");
        contained.addIdentifier(nhsIdentifier(person));
        contained.addName().setFamily(person.family());
        patient.addContained(contained);
        return patient;
    }

    private static CarePlan carePlan(Person person) {
        CarePlan carePlan = new CarePlan();
        carePlan.setId("careplan-" + person.nhsNumber());
        carePlan.addIdentifier().setSystem("https://care-home.example/plans").setValue("PLAN-" + person.nhsNumber());
        carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.setTitle("Falls prevention plan");
        carePlan.setDescription("Two-hourly fluid prompts for " + person.given() + " (NHS "
                + person.nhsSpellings().get(2) + ").");
        carePlan.setSubject(new Reference("Patient/" + person.nhsNumber())
                .setIdentifier(nhsIdentifier(person))
                .setDisplay(person.given() + " " + person.family()));
        carePlan.setAuthor(new Reference()
                .setIdentifier(
                        new Identifier().setSystem("https://example.org/staff").setValue("S1"))
                .setDisplay("Nurse " + person.family()));
        carePlan.addCareTeam(
                new Reference().setIdentifier(nhsIdentifier(person)).setDisplay(person.family() + " care team"));
        carePlan.addContributor(new Reference("#pt"));
        carePlan.addNote(new Annotation()
                .setText("Spoke to " + person.given() + " " + person.family() + " about " + person.nhsNumber())
                .setAuthor(new StringType(person.given())));
        carePlan.addActivity()
                .getDetail()
                .setStatus(CarePlan.CarePlanActivityStatus.INPROGRESS)
                .setDescription("Walking frame within reach; check "
                        + person.nhsSpellings().get(0));
        carePlan.setPeriod(new org.hl7.fhir.r4.model.Period().setStart(new Date()));
        carePlan.addExtension(new Extension(
                "https://example.org/summary",
                new StringType(person.family() + ", " + person.nhsSpellings().get(1))));
        carePlan.setText(narrative("Plan for " + person.family()));
        Patient contained = new Patient();
        contained.setId("pt");
        contained.addIdentifier(nhsIdentifier(person));
        contained.addName().setFamily(person.family()).addGiven(person.given());
        carePlan.addContained(contained);
        return carePlan;
    }
}
