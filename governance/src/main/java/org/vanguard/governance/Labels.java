package org.vanguard.governance;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the governance files spell coded values: an enum constant in lower case with hyphens
 * ({@code JOINT_CONTROLLER} is {@code joint-controller}). One spelling rule for every code, so an IG officer
 * learns it once, and one error that lists what would have been accepted.
 */
public final class Labels {

    /** Labels are spelt once per enum type: decisions quote them on the hot path. */
    private static final ClassValue<String[]> LABELS = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] labels = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                labels[i] =
                        ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
            return labels;
        }
    };

    private Labels() {}

    public static String of(Enum<?> value) {
        return LABELS.get(value.getDeclaringClass())[value.ordinal()];
    }

    /**
     * The constant a label names, in any letter case, also accepting the constant's own name.
     *
     * @param what what the code is, for the error, e.g. "party role"
     * @throws IllegalArgumentException naming the label and every accepted one
     */
    public static <E extends Enum<E>> E parse(Class<E> type, @Nullable String label, String what) {
        String wanted = label == null ? "" : label.trim();
        for (E value : type.getEnumConstants()) {
            if (of(value).equalsIgnoreCase(wanted) || value.name().equalsIgnoreCase(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + label + "'; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(Labels::of).toList());
    }
}
