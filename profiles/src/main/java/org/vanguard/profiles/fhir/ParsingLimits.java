package org.vanguard.profiles.fhir;

/**
 * How much a sender may ask the hub to read before any FHIR rule is applied: the body's size, how deeply
 * its JSON objects and arrays or XML elements nest, and how many entries a Bundle carries. Each limit
 * keeps one request from costing the hub memory or stack out of proportion to a care record.
 *
 * @param maxBodyBytes largest body accepted, in bytes (413 above it)
 * @param maxDepth deepest nesting of JSON objects/arrays or XML elements (400 above it)
 * @param maxEntries most entries in a Bundle (413 above it)
 */
public record ParsingLimits(int maxBodyBytes, int maxDepth, int maxEntries) {

    /** 5 MiB: a message about one patient is kilobytes; attachments do not travel through the hub. */
    public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
    /** Real FHIR resources nest a few dozen levels at most (a Consent's provisions, a Questionnaire's items). */
    public static final int DEFAULT_MAX_DEPTH = 64;
    /** A message concerns one patient; a thousand entries is far beyond any care-record update. */
    public static final int DEFAULT_MAX_ENTRIES = 1000;

    public static final ParsingLimits DEFAULTS =
            new ParsingLimits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ENTRIES);

    public ParsingLimits {
        if (maxBodyBytes < 1 || maxDepth < 2 || maxEntries < 1) {
            throw new IllegalArgumentException("parsing limits must be positive (body " + maxBodyBytes
                    + " bytes, depth " + maxDepth + ", entries " + maxEntries + ")");
        }
    }
}
