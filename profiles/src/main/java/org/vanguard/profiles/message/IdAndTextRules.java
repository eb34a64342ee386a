package org.vanguard.profiles.message;

import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.vanguard.profiles.fhir.InputIssue;

/**
 * FHIR's rules for ids, full URLs and strings, which HAPI's parser does not enforce: an id is 1 to 64 of
 * {@code [A-Za-z0-9-.]} (R4 datatype id); an entry's {@code fullUrl} is an absolute http(s) URL, a {@code urn:uuid:}
 * or a {@code urn:oid:} (R4 Bundle.entry.fullUrl); a string carries no control character below U+0020 other than tab,
 * carriage return and line feed (R4 datatype string), and the hub refuses the invisible bidirectional overrides
 * (U+202A-U+202E, U+2066-U+2069) and C1 controls too, which make a name read differently from what it is.
 */
final class IdAndTextRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern FULL_URL = Pattern.compile(
            "(https?://[^\\s]+)|(urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})"
                    + "|(urn:oid:[0-2](\\.(0|[1-9][0-9]*))+)");
    /** At most this many character issues are reported, so a body full of them gets a readable answer. */
    private static final int MOST_TEXT_ISSUES = 10;

    private IdAndTextRules() {}

    static void check(Bundle bundle, List<InputIssue> issues) {
        if (bundle.getIdElement().getValue() != null && !validId(bundle)) {
            issues.add(InputIssue.value("Bundle.id", id(bundle.getIdElement().getValue())));
        }
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        int[] textIssues = {0};
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            String at = "Bundle.entry[" + i + "]";
            if (entry.hasFullUrl() && !FULL_URL.matcher(entry.getFullUrl()).matches()) {
                issues.add(InputIssue.value(
                        at + ".fullUrl",
                        "a fullUrl is an absolute http(s) URL, a urn:uuid: or a urn:oid:, not '"
                                + printable(entry.getFullUrl()) + "'"));
            }
            Resource resource = entry.getResource();
            if (resource == null) {
                continue;
            }
            String id = resource.getIdElement().getValue();
            // HAPI gives a resource without an id of its own its entry's urn: fullUrl as id; that is not the sender's.
            if (id != null
                    && !id.startsWith("urn:")
                    && !validId(resource)
                    && !givenByFullUrl(resource, entry.getFullUrl())) {
                issues.add(InputIssue.value(at + ".resource.id", id(id)));
            }
            walk(resource, at + ".resource", issues, textIssues);
        }
    }

    /**
     * HAPI also gives a resource the absolute fullUrl of its entry ({@code https://x/fhir/Patient/123}) as id when the
     * two agree (FHIR R4 Bundle: the fullUrl ends with the resource's type and id); the id the sender wrote is then the
     * fullUrl's last segment, checked like any other.
     */
    private static boolean givenByFullUrl(Resource resource, @Nullable String fullUrl) {
        String value = resource.getIdElement().getValue();
        String part = resource.getIdElement().getIdPart();
        if (fullUrl == null || part == null || !ID.matcher(part).matches()) {
            return false;
        }
        String version = resource.getIdElement().getVersionIdPart();
        String unversioned =
                version == null ? value : value.substring(0, value.length() - ("/_history/" + version).length());
        return (value.equals(fullUrl)
                        || unversioned.equals(fullUrl) && ID.matcher(version).matches())
                && fullUrl.endsWith("/" + resource.fhirType() + "/" + part);
    }

    /** The id as sent is one FHIR id: the parser splits a value with '/' into parts, so the whole value is checked. */
    private static boolean validId(Resource resource) {
        String value = resource.getIdElement().getValue();
        String part = resource.getIdElement().getIdPart();
        if (part == null || !ID.matcher(part).matches()) {
            return false;
        }
        // The parser writes the id back as Type/id, with /_history/version when meta.versionId is present.
        String version = resource.getIdElement().getVersionIdPart();
        return value.equals(part)
                || value.equals(resource.fhirType() + "/" + part)
                || version != null
                        && ID.matcher(version).matches()
                        && value.equals(resource.fhirType() + "/" + part + "/_history/" + version);
    }

    private static void walk(Base element, String at, List<InputIssue> issues, int[] textIssues) {
        for (Property property : element.children()) {
            List<Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value == null) {
                    continue;
                }
                String path = at + "." + property.getName().replace("[x]", "")
                        + (property.getMaxCardinality() > 1 ? "[" + i + "]" : "");
                if (value.isPrimitive()) {
                    String text = value.primitiveValue();
                    int bad = text == null ? -1 : forbidden(text);
                    if (bad >= 0 && textIssues[0]++ < MOST_TEXT_ISSUES) {
                        issues.add(InputIssue.value(
                                path,
                                "the text holds the character U+"
                                        + String.format("%04X", (int) text.charAt(bad)) + " at position " + bad
                                        + "; FHIR strings carry no control characters (other than tab, CR, LF) and the hub refuses"
                                        + " bidirectional overrides"));
                    }
                } else {
                    walk(value, path, issues, textIssues);
                }
            }
        }
    }

    private static int forbidden(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || c >= 0x7F && c <= 0x9F
                    || c >= 0x202A && c <= 0x202E
                    || c >= 0x2066 && c <= 0x2069) {
                return i;
            }
        }
        return -1;
    }

    private static String id(String id) {
        return "an id is 1 to 64 letters, digits, '-' or '.' (FHIR R4), not '" + printable(id) + "' (" + id.length()
                + " characters)";
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c >= 0x7F && c <= 0x9F ? String.format("\\u%04x", (int) c) : c);
        }
        return out.toString();
    }
}
