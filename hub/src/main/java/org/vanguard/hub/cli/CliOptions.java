package org.vanguard.hub.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs; every option takes exactly one value. */
public final class CliOptions {

    private final Map<String, String> values;

    private CliOptions(Map<String, String> values) {
        this.values = values;
    }

    /** A required option that was not given (exit status 2). */
    public static final class MissingOption extends IllegalArgumentException {
        MissingOption(String name) {
            super("missing option --" + name);
        }
    }

    static CliOptions parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String name = args.get(i);
            if (!name.startsWith("--") || name.length() == 2) {
                throw new IllegalArgumentException("expected an option --name, found '" + name + "'");
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            if (values.put(name.substring(2), args.get(i + 1)) != null) {
                throw new IllegalArgumentException("option " + name + " given twice");
            }
        }
        return new CliOptions(values);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new MissingOption(name);
        }
        return value;
    }

    public String optional(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public Path path(String name) {
        return Path.of(required(name));
    }
}
