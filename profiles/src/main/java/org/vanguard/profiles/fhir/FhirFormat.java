package org.vanguard.profiles.fhir;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The two FHIR wire formats. The hub accepts either, but the body must be what its Content-Type says:
 * a sender that labels XML as JSON has a bug it needs to hear about.
 */
public enum FhirFormat {
    JSON("application/fhir+json"),
    XML("application/fhir+xml");

    private final String mediaType;

    FhirFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format a Content-Type names, ignoring parameters such as charset; empty when it names neither. */
    public static Optional<FhirFormat> ofContentType(@Nullable String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/fhir+json", "application/json", "application/json+fhir" -> Optional.of(JSON);
            case "application/fhir+xml", "application/xml", "text/xml", "application/xml+fhir" -> Optional.of(XML);
            default -> Optional.empty();
        };
    }

    /** The format the body itself looks like, judged by its first non-blank character. */
    static Optional<FhirFormat> sniff(byte[] body) {
        for (byte b : body) {
            if (b == '{') {
                return Optional.of(JSON);
            }
            if (b == '<') {
                return Optional.of(XML);
            }
            if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
