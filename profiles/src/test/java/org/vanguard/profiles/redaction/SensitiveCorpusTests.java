package org.vanguard.profiles.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.vanguard.profiles.fhir.FhirParsing;

/**
 * The corpus: every shipped sensitive code, in every coded element of Patient and CarePlan (found from HAPI's own
 * definitions of R4, so a coded element cannot be forgotten), in a contained Condition or Goal the CarePlan refers to,
 * in a Condition elsewhere in the message, and in an extension. With the category not allowed, the code never
 * leaves (the item, or the whole resource when it stands in the resource's own elements), and what is ordinary
 * beside it in another activity still does; with the category allowed, it leaves.
 */
class SensitiveCorpusTests {

    private static final String ORDINARY = "ordinary-activity-marker";
    private final Redactor redactor = new Redactor(SensitiveCodes.shipped());

    /** One place a coded element can stand: the path from the resource, each step an element name. */
    record CodedPath(String resourceType, List<String> steps) {
        @Override
        public String toString() {
            return resourceType + "." + String.join(".", steps);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCodeInEveryCodedElement() {
        List<CodedPath> paths = new ArrayList<>();
        paths.addAll(codedPaths("Patient"));
        paths.addAll(codedPaths("CarePlan"));
        assertThat(paths)
                .as("coded elements found in R4")
                .hasSizeGreaterThan(10)
                .extracting(CodedPath::toString)
                .contains(
                        "CarePlan.activity.detail.reasonCode",
                        "CarePlan.category",
                        "Patient.maritalStatus",
                        "CarePlan.activity.outcomeCodeableConcept",
                        "Patient.identifier.type",
                        "Patient.communication.language");
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> code : SensitiveCodes.shipped().all().entrySet()) {
            String[] systemAndCode = code.getKey().split("\\|", 2);
            for (CodedPath path : paths) {
                tests.add(DynamicTest.dynamicTest(
                        systemAndCode[1] + " at " + path,
                        () -> assertWithheldAndAllowed(
                                path, new Coding(systemAndCode[0], systemAndCode[1], null), code.getValue())));
            }
        }
        return tests.stream();
    }

    @Test
    @DisplayName("the shipped sensitive value sets and the code list the redaction reads name the same codes")
    void valueSetsAgreeWithTheCodeList() throws Exception {
        java.util.Set<String> inValueSets = new java.util.HashSet<>();
        String index = new String(
                SensitiveCorpusTests.class
                        .getResourceAsStream("/org/vanguard/profiles/definitions/index.txt")
                        .readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        for (String file : index.split("\\R")) {
            if (!file.startsWith("ValueSet-sensitive-")) {
                continue;
            }
            String json = new String(
                    SensitiveCorpusTests.class
                            .getResourceAsStream("/org/vanguard/profiles/definitions/" + file)
                            .readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            org.hl7.fhir.r4.model.ValueSet valueSet =
                    FhirParsing.fromTrustedJson(org.hl7.fhir.r4.model.ValueSet.class, json);
            valueSet.getCompose()
                    .getInclude()
                    .forEach(include -> include.getConcept()
                            .forEach(concept -> inValueSets.add(include.getSystem() + "|" + concept.getCode())));
        }
        assertThat(inValueSets)
                .isNotEmpty()
                .isEqualTo(SensitiveCodes.shipped().all().keySet());
    }

    @Test
    @DisplayName(
            "an ordinary activity whose reasonCode is HIV positive (SNOMED CT 165816005) is withheld, the rest of the plan leaves")
    void reasonCodeOfAnOrdinaryActivity() {
        CarePlan carePlan = carePlan();
        carePlan.addActivity()
                .getDetail()
                .setCode(concept("http://snomed.info/sct", "229065009", "Exercise therapy"))
                .addReasonCode(concept("http://snomed.info/sct", "165816005", "HIV positive"));

        CarePlan out = (CarePlan) redactor.apply(carePlan, plan(Set.of())).orElseThrow();

        assertThat(FhirParsing.toJson(out))
                .doesNotContain("165816005")
                .doesNotContain("229065009")
                .contains(ORDINARY);
    }

    @Test
    @DisplayName(
            "a contained Condition or Goal that is sensitive goes, with the activity, addresses and goal references to it")
    void containedConditionAndItsReferences() {
        CarePlan carePlan = carePlan();
        Condition condition = new Condition();
        condition.setId("hiv");
        condition.setCode(concept("http://snomed.info/sct", "86406008", "HIV infection"));
        carePlan.addContained(condition);
        carePlan.addAddresses(new Reference("#hiv"));
        carePlan.addActivity()
                .getDetail()
                .addReasonReference(new Reference("#hiv"))
                .setDescription("Clinic visit");
        Goal goal = new Goal();
        goal.setId("goal");
        goal.setDescription(concept("http://snomed.info/sct", "225316007", "Fertility treatment"));
        carePlan.addContained(goal);
        carePlan.addGoal(new Reference("#goal"));

        CarePlan out = (CarePlan) redactor.apply(carePlan, plan(Set.of())).orElseThrow();

        String json = FhirParsing.toJson(out);
        assertThat(json)
                .doesNotContain("86406008")
                .doesNotContain("#hiv")
                .doesNotContain("Clinic visit")
                .doesNotContain("225316007")
                .doesNotContain("#goal")
                .contains(ORDINARY);
        assertThat(out.getContained()).isEmpty();
    }

    @Test
    @DisplayName(
            "a reference to a sensitive Condition elsewhere in the message is withheld, with the activity that rests on it")
    void conditionElsewhereInTheMessage() {
        Condition condition = new Condition();
        condition.setId("urn:uuid:6f1c2a34-0000-4000-8000-000000000001");
        condition.setCode(concept("http://snomed.info/sct", "58214004", "Schizophrenia"));
        CarePlan carePlan = carePlan();
        carePlan.addAddresses(new Reference("urn:uuid:6f1c2a34-0000-4000-8000-000000000001"));
        carePlan.addActivity()
                .getDetail()
                .addReasonReference(new Reference("urn:uuid:6f1c2a34-0000-4000-8000-000000000001"))
                .setDescription("Depot injection");

        CarePlan out = (CarePlan)
                redactor.apply(carePlan, plan(Set.of()), List.of(condition)).orElseThrow();

        assertThat(FhirParsing.toJson(out))
                .doesNotContain("6f1c2a34-0000")
                .doesNotContain("Depot injection")
                .contains(ORDINARY);
        CarePlan allowed = (CarePlan) redactor.apply(
                        carePlan,
                        plan(Set.of("http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY")),
                        List.of(condition))
                .orElseThrow();
        assertThat(FhirParsing.toJson(allowed)).contains("Depot injection").contains("6f1c2a34-0000");
    }

    @Test
    @DisplayName("a sensitive code in an extension of the Patient withholds the Patient")
    void extensionOfThePatient() {
        Patient patient = new Patient();
        patient.addExtension(
                new Extension("https://example.org/condition", concept("http://snomed.info/sct", "407374003", null)));

        assertThat(redactor.apply(patient, plan(Set.of()))).isEmpty();
    }

    private void assertWithheldAndAllowed(CodedPath path, Coding sensitive, String label) {
        Resource resource = path.resourceType().equals("Patient") ? new Patient() : carePlan();
        place(resource, path.steps(), sensitive);

        Optional<Resource> withheld = redactor.apply(resource, plan(Set.of()));
        withheld.ifPresent(out -> assertThat(FhirParsing.toJson(out))
                .as(path + " with the category not allowed")
                .doesNotContain("\"" + sensitive.getCode() + "\""));
        if (path.steps().get(0).equals("activity")) {
            assertThat(withheld).as("a sensitive activity goes, not the plan").isPresent();
            assertThat(FhirParsing.toJson(withheld.get())).contains(ORDINARY);
        }

        Optional<Resource> allowed = redactor.apply(resource, plan(Set.of(label)));
        assertThat(allowed).as(path + " with the category allowed").isPresent();
        assertThat(FhirParsing.toJson(allowed.get())).contains("\"" + sensitive.getCode() + "\"");
    }

    /**
     * Every path from the resource to a CodeableConcept or Coding, through its backbone elements and the data types
     * that hold codes (Identifier.type, Timing.code...), at most five deep.
     */
    private static List<CodedPath> codedPaths(String resourceType) {
        List<CodedPath> paths = new ArrayList<>();
        collect(resourceType, FhirParsing.context().getResourceDefinition(resourceType), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(
            String type, BaseRuntimeElementCompositeDefinition<?> definition, List<String> at, List<CodedPath> paths) {
        if (at.size() >= 5) {
            return;
        }
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            String name = child.getElementName();
            if (Set.of("extension", "modifierExtension", "contained", "meta", "text", "id")
                            .contains(name)
                    || at.isEmpty() && Set.of("implicitRules", "language").contains(name)) {
                continue;
            }
            for (String valid : child.getValidChildNames()) {
                BaseRuntimeElementDefinition<?> element = child.getChildByName(valid);
                if (element == null) {
                    continue;
                }
                List<String> step = new ArrayList<>(at);
                step.add(valid);
                String elementName = element.getName();
                if (elementName.equals("CodeableConcept") || elementName.equals("Coding")) {
                    paths.add(new CodedPath(type, step));
                } else if (element instanceof BaseRuntimeElementCompositeDefinition<?> composite
                        && !Set.of("Reference", "Extension", "Meta", "Narrative")
                                .contains(elementName)) {
                    collect(type, composite, step, paths);
                }
            }
        }
    }

    /** Creates the elements along the path and puts the coding at its end. */
    private static void place(Resource resource, List<String> steps, Coding coding) {
        IBase parent = resource;
        for (int i = 0; i < steps.size(); i++) {
            BaseRuntimeElementCompositeDefinition<?> definition = (BaseRuntimeElementCompositeDefinition<?>)
                    FhirParsing.context().getElementDefinition(parent.getClass());
            String step = steps.get(i);
            BaseRuntimeChildDefinition child = definition.getChildByName(step);
            BaseRuntimeElementDefinition<?> element = child.getChildByName(step);
            IBase value = element.newInstance(child.getInstanceConstructorArguments());
            if (i == steps.size() - 1) {
                if (value instanceof CodeableConcept concept) {
                    concept.addCoding(coding);
                } else {
                    ((Coding) value).setSystem(coding.getSystem()).setCode(coding.getCode());
                }
            }
            if (child instanceof RuntimeChildChoiceDefinition || child.getMax() == 1) {
                child.getMutator().setValue(parent, value);
            } else {
                child.getMutator().addValue(parent, value);
            }
            parent = value;
        }
    }

    private static CarePlan carePlan() {
        CarePlan carePlan = new CarePlan();
        carePlan.setStatus(CarePlan.CarePlanStatus.ACTIVE);
        carePlan.setIntent(CarePlan.CarePlanIntent.PLAN);
        carePlan.setSubject(new Reference("Patient/p1"));
        carePlan.addActivity().getDetail().setDescription(ORDINARY);
        return carePlan;
    }

    private static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept().addCoding(new Coding(system, code, display));
    }

    private static RedactionPlan plan(Set<String> allowed) {
        return new RedactionPlan(
                Map.of(),
                allowed,
                true,
                Deidentification.none(),
                "N",
                "http://terminology.hl7.org/CodeSystem/v3-ActReason|TREAT");
    }
}
