package org.vanguard.profiles.fhir;

/**
 * What kind of client mistake an input is, so that the HTTP layer can answer with the matching 4xx
 * without knowing FHIR rules.
 */
public enum Rejection {
    /** The input is not valid FHIR or breaks the hub's message rules (400). */
    INVALID,
    /** The sender is not allowed to say what it says, e.g. speaking for another organisation (403). */
    FORBIDDEN,
    /** The body is neither FHIR JSON nor FHIR XML (415). */
    UNSUPPORTED_MEDIA_TYPE,
    /** Valid FHIR the hub does not process yet (422). */
    NOT_SUPPORTED,
    /** The input contradicts what the hub already holds, e.g. a record version older than the one kept (409). */
    CONFLICT,
    /** What the request names is not there, or not the caller's to see (404). */
    NOT_FOUND,
    /** A condition the request set does not hold: an {@code If-Match} version that is not the current one, or a
     * conditional create that matches more than one resource (412). */
    PRECONDITION_FAILED,
    /** More than the hub reads in one request: a body or a Bundle over its configured limits (413). */
    PAYLOAD_TOO_LARGE
}
