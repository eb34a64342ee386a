package org.vanguard.hub.web;

/** The text a refusal gives for an exception: its message, or its class name when it has none. */
public final class ExceptionText {

    private ExceptionText() {}

    public static String of(Throwable e) {
        String message = e.getMessage();
        return message != null ? message : e.getClass().getName();
    }
}
