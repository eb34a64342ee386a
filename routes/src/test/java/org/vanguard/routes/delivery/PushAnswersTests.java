package org.vanguard.routes.delivery;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushAnswersTests {

    private static final String ENDPOINT = "https://gp.example/fhir/$process-message";

    private static String response(String code, String diagnostics) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"message\",\"entry\":[{\"fullUrl\":\"urn:uuid:5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d\","
                + "\"resource\":{\"resourceType\":\"MessageHeader\",\"eventCoding\":{\"system\":\"https://vanguard-hub.org/fhir/"
                + "CodeSystem/hub-event\",\"code\":\"careplan-update\"},\"source\":{\"endpoint\":\"https://gp.example\"},"
                + "\"response\":{\"identifier\":\"abc\",\"code\":\"" + code + "\"}}},{\"fullUrl\":\"urn:uuid:"
                + "6b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e\",\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{"
                + "\"severity\":\"error\",\"code\":\"processing\",\"diagnostics\":\"" + diagnostics + "\"}]}}]}";
    }

    @Test
    @DisplayName("a 2xx without a response message, or with code ok, means the recipient has the delivery")
    void delivered() {
        assertThatCode(() -> PushAnswers.judge(200, "", ENDPOINT)).doesNotThrowAnyException();
        assertThatCode(() -> PushAnswers.judge(202, response("ok", "fine"), ENDPOINT))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName(
            "transient-error is tried again and fatal-error is not, whatever the HTTP status, with the recipient's words")
    void responseCodeDecides() {
        assertThatThrownBy(() -> PushAnswers.judge(200, response("transient-error", "database busy"), ENDPOINT))
                .isInstanceOf(TransientDeliveryFailure.class)
                .hasMessageContaining("database busy");
        assertThatThrownBy(() -> PushAnswers.judge(200, response("fatal-error", "unknown patient"), ENDPOINT))
                .isInstanceOf(FatalDeliveryFailure.class)
                .hasMessageContaining("unknown patient");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503})
    @DisplayName("timeouts, throttling and server errors are worth another try")
    void transientStatuses(int status) {
        assertThatThrownBy(() -> PushAnswers.judge(status, "not fhir", ENDPOINT))
                .isInstanceOf(TransientDeliveryFailure.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 400, 401, 403, 404, 422})
    @DisplayName("any other status is a refusal: retrying cannot help")
    void fatalStatuses(int status) {
        assertThatThrownBy(() -> PushAnswers.judge(status, "", ENDPOINT))
                .isInstanceOf(FatalDeliveryFailure.class)
                .hasMessageContaining("HTTP " + status);
    }
}
