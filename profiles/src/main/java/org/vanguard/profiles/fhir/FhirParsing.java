package org.vanguard.profiles.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Parses FHIR R4 once per message with one shared, thread-safe {@link FhirContext}. Unknown elements and
 * invalid values are errors, not warnings: a record the hub cannot fully read must not be forwarded as
 * if it had been. Before any parser sees a body it is held to the {@link ParsingLimits} (size, nesting,
 * entries), and XML with a DTD is refused, so no external entity is ever resolved.
 *
 * <p>An instance parses under the limits it was made with: the application makes one from its configuration and
 * hands it to every channel, so two configurations (or two tests) never share, or race on, one set of limits.
 * What involves no limit (the context, writing JSON, reading the hub's own JSON) is static.
 */
public final class FhirParsing {

    private static final FhirContext CONTEXT = FhirContext.forR4Cached();
    private static final FhirParsing STANDARD = new FhirParsing(ParsingLimits.DEFAULTS);

    private final ParsingLimits limits;

    public FhirParsing(ParsingLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Parsing under the default limits, for what is not configured (tools, tests, a recipient's short answer). */
    public static FhirParsing standard() {
        return STANDARD;
    }

    public static FhirContext context() {
        return CONTEXT;
    }

    public ParsingLimits limits() {
        return limits;
    }

    /** Parses a sender's body in the format its Content-Type declares, or refuses it with located issues. */
    public Resource parse(byte @Nullable [] body, @Nullable String contentType) {
        if (body == null || body.length == 0) {
            throw new FhirInputException(Rejection.INVALID, InputIssue.required("(body)", "the request has no body"));
        }
        ParsingLimits applied = limits;
        if (body.length > applied.maxBodyBytes()) {
            throw new FhirInputException(
                    Rejection.PAYLOAD_TOO_LARGE,
                    new InputIssue(
                            IssueType.TOOLONG,
                            "(body)",
                            "the body is " + body.length + " bytes; the hub accepts at most "
                                    + applied.maxBodyBytes()));
        }
        FhirFormat declared = FhirFormat.ofContentType(contentType)
                .orElseThrow(() -> new FhirInputException(
                        Rejection.UNSUPPORTED_MEDIA_TYPE,
                        InputIssue.invalid(
                                "(Content-Type)",
                                "Content-Type '" + contentType
                                        + "' is not FHIR; send application/fhir+json or application/fhir+xml")));
        FhirFormat actual = FhirFormat.sniff(body)
                .orElseThrow(() -> new FhirInputException(
                        Rejection.INVALID, InputIssue.invalid("(body)", "the body is neither JSON nor XML")));
        if (actual != declared) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid(
                            "(Content-Type)", "Content-Type says " + declared + " but the body is " + actual));
        }
        if (declared == FhirFormat.XML && BodyScan.declaresDoctype(body)) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid("(body)", "FHIR XML has no DTD: DOCTYPE and ENTITY declarations are refused"));
        }
        int depth = declared == FhirFormat.JSON
                ? BodyScan.jsonDepth(body, applied.maxDepth())
                : BodyScan.xmlDepth(body, applied.maxDepth());
        if (depth > applied.maxDepth()) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    new InputIssue(
                            IssueType.TOOCOSTLY,
                            "(body)",
                            "the body nests more than " + applied.maxDepth()
                                    + " levels deep; no FHIR resource the hub exchanges needs that"));
        }
        CollectingErrorHandler errors = new CollectingErrorHandler();
        IParser parser = (declared == FhirFormat.JSON ? CONTEXT.newJsonParser() : CONTEXT.newXmlParser())
                .setParserErrorHandler(errors);
        IBaseResource resource;
        try {
            resource =
                    parser.parseResource(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        } catch (DataFormatException e) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid("(body)", "not valid FHIR " + declared + ": " + e.getMessage()));
        } catch (RuntimeException e) {
            throw new FhirInputException(
                    Rejection.INVALID,
                    InputIssue.invalid("(body)", "not readable as FHIR " + declared + ": " + e.getMessage()));
        }
        if (!errors.issues.isEmpty()) {
            throw new FhirInputException(Rejection.INVALID, errors.issues);
        }
        if (declared == FhirFormat.JSON) {
            List<InputIssue> lists = JsonCardinality.check(body, CONTEXT);
            if (!lists.isEmpty()) {
                throw new FhirInputException(Rejection.INVALID, lists);
            }
        }
        if (!(resource instanceof Resource r4)) {
            throw new FhirInputException(Rejection.INVALID, InputIssue.invalid("(body)", "not a FHIR R4 resource"));
        }
        if (r4 instanceof Bundle bundle && bundle.getEntry().size() > applied.maxEntries()) {
            throw new FhirInputException(
                    Rejection.PAYLOAD_TOO_LARGE,
                    new InputIssue(
                            IssueType.TOOLONG,
                            "Bundle.entry",
                            "the Bundle has " + bundle.getEntry().size() + " entries; the hub accepts at most "
                                    + applied.maxEntries()));
        }
        return r4;
    }

    /**
     * The JSON to pass on for a body that {@link #parse} accepted: the sender's own bytes when they are JSON (they
     * parsed strictly, so they are exactly the resource, and writing it again would cost as much as parsing it),
     * otherwise the parsed resource written as JSON.
     */
    public static String acceptedJson(byte[] body, String contentType, IBaseResource parsed) {
        if (FhirFormat.ofContentType(contentType).orElse(null) == FhirFormat.JSON) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return toJson(parsed);
    }

    public static String toJson(IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }

    /** Parses JSON the hub wrote itself; a failure here is the hub's bug, not a sender's mistake. */
    public static <T extends IBaseResource> T fromTrustedJson(Class<T> type, String json) {
        return CONTEXT.newJsonParser().parseResource(type, json);
    }

    /** Collects parser complaints as issues at the element they concern, instead of logging them. */
    private static final class CollectingErrorHandler implements IParserErrorHandler {

        private final List<InputIssue> issues = new ArrayList<>();

        private static String where(@Nullable IParseLocation location, String element) {
            String parent = location == null ? null : location.getParentElementName();
            return parent == null ? element : parent + "." + element;
        }

        @Override
        public void containedResourceWithNoId(IParseLocation location) {
            issues.add(InputIssue.invalid(where(location, "contained"), "a contained resource has no id"));
        }

        @Override
        public void incorrectJsonType(
                IParseLocation location,
                String elementName,
                ValueType expected,
                @Nullable ScalarType expectedScalar,
                ValueType found,
                @Nullable ScalarType foundScalar) {
            issues.add(InputIssue.invalid(
                    where(location, elementName),
                    "expected a JSON " + expected
                            + (expectedScalar == null ? "" : " (" + expectedScalar + ")") + " but found " + found
                            + (foundScalar == null ? "" : " (" + foundScalar + ")")));
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            issues.add(InputIssue.value(where(location, "value"), "invalid value '" + value + "': " + error));
        }

        @Override
        public void missingRequiredElement(IParseLocation location, String elementName) {
            issues.add(InputIssue.required(where(location, elementName), "'" + elementName + "' is required"));
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
            issues.add(InputIssue.invalid(where(location, elementName), "'" + elementName + "' may not repeat"));
        }

        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
            issues.add(InputIssue.invalid(where(location, attributeName), "unknown attribute '" + attributeName + "'"));
        }

        @Override
        public void unknownElement(IParseLocation location, String elementName) {
            issues.add(InputIssue.invalid(where(location, elementName), "unknown element '" + elementName + "'"));
        }

        @Override
        public void unknownReference(IParseLocation location, String reference) {
            // A reference to something outside the message is normal in FHIR messaging.
        }

        @Override
        public void invalidInternalReference(IParseLocation location, String reference) {
            issues.add(InputIssue.invalid(
                    where(location, "reference"),
                    "reference '" + reference + "' points inside the resource but nothing there has that id"));
        }

        @Override
        public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
            issues.add(InputIssue.invalid(
                    where(location, "extension"), "an extension has both a value and nested extensions"));
        }
    }
}
