package org.vanguard.routes.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.routes.record.RecordVersion.Order;

class RecordVersionTests {

    private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-23T10:00:00Z");

    private static RecordVersion v(String id, Instant at) {
        return new RecordVersion(Optional.ofNullable(id), Optional.ofNullable(at));
    }

    @Test
    @DisplayName("a later meta.lastUpdated is newer, whatever the versionIds say")
    void lastUpdatedFirst() {
        assertThat(v("1", TEN).against(v("7", NINE))).isEqualTo(Order.NEWER);
        assertThat(v("7", NINE).against(v("1", TEN))).isEqualTo(Order.OLDER);
        assertThat(v("7", NINE).decidingElement(v("1", TEN))).isEqualTo("meta.lastUpdated");
    }

    @Test
    @DisplayName("numeric versionIds compare as numbers, so version 10 is newer than version 9")
    void numericVersionIds() {
        assertThat(v("10", null).against(v("9", null))).isEqualTo(Order.NEWER);
        assertThat(v("9", TEN).against(v("10", TEN))).isEqualTo(Order.OLDER);
        assertThat(v("9", TEN).decidingElement(v("10", TEN))).isEqualTo("meta.versionId");
    }

    @Test
    @DisplayName("equal versionIds, or equal lastUpdated without versionIds, are the same version")
    void same() {
        assertThat(v("a1", null).against(v("a1", null))).isEqualTo(Order.SAME);
        assertThat(v(null, NINE).against(v(null, NINE))).isEqualTo(Order.SAME);
        assertThat(v("3", NINE).against(v("3", NINE))).isEqualTo(Order.SAME);
    }

    @Test
    @DisplayName("opaque differing versionIds, or no version on one side, cannot be ordered: arrival order stands")
    void unordered() {
        assertThat(v("abc", NINE).against(v("abd", NINE))).isEqualTo(Order.UNORDERED);
        assertThat(RecordVersion.NONE.against(v("3", NINE))).isEqualTo(Order.UNORDERED);
        assertThat(v("3", null).against(v(null, NINE))).isEqualTo(Order.UNORDERED);
        assertThat(RecordVersion.NONE.against(RecordVersion.NONE)).isEqualTo(Order.UNORDERED);
    }
}
