package org.vanguard.bench.validation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.vanguard.profiles.fhir.FhirFormat;
import org.vanguard.profiles.fhir.FhirParsing;
import org.vanguard.profiles.fhir.InputIssue;
import org.vanguard.profiles.validation.FastProfileValidator;
import org.vanguard.profiles.validation.FullProfileValidator;
import org.vanguard.profiles.validation.ValidationIssue;

/**
 * Validation rate on one thread, in operations per second, where an operation is one resource (a
 * Message is one Bundle of three resources: MessageHeader, Patient, CarePlan, all checked). Both
 * validators get the same parsed resource and the same hub profiles; {@code parseAndFastPath} adds the
 * JSON parse intake pays anyway.
 * <p>
 * Run: {@code java -jar bench/target/benchmarks.jar Validation -f 1 -wi 2 -i 3 -w 2s -r 3s -t 1}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBenchmark {

    @State(Scope.Benchmark)
    public static class Input {

        @Param({"Patient", "CarePlan", "Consent", "Message"})
        public String kind;

        Resource resource;
        byte[] json;

        @Setup(Level.Trial)
        public void build() {
            resource = Samples.of(kind);
            json = FhirParsing.toJson(resource).getBytes(StandardCharsets.UTF_8);
            List<InputIssue> issues = FastProfileValidator.standard().validate(resource);
            if (!issues.isEmpty()) {
                throw new IllegalStateException("the " + kind + " sample should be valid: " + issues);
            }
        }
    }

    /** HAPI's full validator, built and warmed once per trial as the hub does at start. */
    @State(Scope.Benchmark)
    public static class Full {

        FullProfileValidator validator;

        @Setup(Level.Trial)
        public void build() {
            validator = new FullProfileValidator();
            validator.warmUp();
        }
    }

    @Benchmark
    public List<InputIssue> fastPath(Input input) {
        return FastProfileValidator.standard().validate(input.resource);
    }

    @Benchmark
    public List<InputIssue> parseAndFastPath(Input input) {
        return FastProfileValidator.standard()
                .validate(FhirParsing.standard().parse(input.json, FhirFormat.JSON.mediaType()));
    }

    @Benchmark
    public List<ValidationIssue> fullHapi(Input input, Full full) {
        return full.validator.validate(input.resource);
    }
}
