package org.vanguard.profiles.fhir;

/**
 * One pass over a body before it reaches a parser: the nesting depth of JSON objects and arrays (outside
 * strings) or of XML elements, and whether XML declares a DTD. FHIR XML carries no DTD (FHIR R4 XML
 * format), and refusing one outright rules out external entities and entity expansion whatever the
 * parser's settings.
 */
final class BodyScan {

    private BodyScan() {}

    /** The deepest nesting found, counting JSON objects and arrays outside strings. */
    static int jsonDepth(byte[] body, int limit) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
                if (depth > deepest) {
                    deepest = depth;
                    if (deepest > limit) {
                        return deepest;
                    }
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

    /** The deepest nesting of XML elements, skipping declarations, comments, CDATA and attribute values. */
    static int xmlDepth(byte[] body, int limit) {
        int depth = 0;
        int deepest = 0;
        int i = 0;
        while (i < body.length) {
            if (body[i] != '<') {
                i++;
                continue;
            }
            if (startsWith(body, i, "<!--")) {
                i = indexOf(body, i + 4, "-->") + 3;
            } else if (startsWith(body, i, "<![CDATA[")) {
                i = indexOf(body, i + 9, "]]>") + 3;
            } else if (startsWith(body, i, "<?") || startsWith(body, i, "<!")) {
                i = indexOf(body, i + 2, ">") + 1;
            } else if (startsWith(body, i, "</")) {
                depth--;
                i = indexOf(body, i + 2, ">") + 1;
            } else {
                int end = endOfTag(body, i + 1);
                if (end < 0) {
                    return deepest;
                }
                if (body[end - 1] != '/') {
                    depth++;
                    if (depth > deepest) {
                        deepest = depth;
                        if (deepest > limit) {
                            return deepest;
                        }
                    }
                }
                i = end + 1;
            }
            if (i <= 0) {
                return deepest;
            }
        }
        return deepest;
    }

    static boolean declaresDoctype(byte[] body) {
        for (int i = 0; i + 9 <= body.length; i++) {
            if (body[i] == '<' && body[i + 1] == '!' && regionMatchesIgnoreCase(body, i + 2, "DOCTYPE")) {
                return true;
            }
            if (body[i] == '<' && body[i + 1] == '!' && regionMatchesIgnoreCase(body, i + 2, "ENTITY")) {
                return true;
            }
        }
        return false;
    }

    /** The index of the '>' closing a start tag, ignoring any '>' inside quoted attribute values. */
    private static int endOfTag(byte[] body, int from) {
        byte quote = 0;
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] body, int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (body[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean regionMatchesIgnoreCase(byte[] body, int at, String word) {
        if (at + word.length() > body.length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase(body[at + i]) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, int from, String needle) {
        for (int i = from; i + needle.length() <= body.length; i++) {
            if (startsWith(body, i, needle)) {
                return i;
            }
        }
        return body.length;
    }
}
