package org.vanguard.routes.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.vanguard.routes.delivery.Acknowledgements;

class ResponseMessageIdTests {

    @Test
    @DisplayName(
            "a recipient's response quoting the sender's MessageHeader id finds the hub message intake accepted it as")
    void acknowledgementsDeriveTheIntakeId() {
        MessageFacts facts = new MessageFactsReader().read(DemoMessage.bundle());

        assertThat(Acknowledgements.hubMessageId(facts.sender(), facts.content().headerId()))
                .isEqualTo(IntakeGateway.hubMessageId(facts));
    }
}
