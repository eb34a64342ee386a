package org.vanguard.governance.yaml;

/** A governance file that cannot be used as written; the message names file, line and reason. */
public final class GovernanceFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final String reason;

    public GovernanceFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** One-based line number; 0 when the problem concerns the file as a whole. */
    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
