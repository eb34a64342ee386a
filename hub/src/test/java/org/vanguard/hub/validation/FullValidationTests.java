package org.vanguard.hub.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.support.GenericApplicationContext;

/** When the full validator is built: once the hub is ready if set so, else on first use (also {@code ValidationIT}). */
class FullValidationTests {

    private static ApplicationReadyEvent ready() {
        return new ApplicationReadyEvent(
                new SpringApplication(), new String[0], new GenericApplicationContext(), Duration.ZERO);
    }

    @Test
    @DisplayName("at start: the ready event hands the build to the executor, once however often it comes")
    void builtOnceReady() {
        List<Runnable> submitted = new ArrayList<>();
        Executor recording = submitted::add;
        FullValidation validation = new FullValidation(Optional.empty(), recording, true);

        assertThat(submitted).isEmpty();
        validation.onApplicationEvent(ready());
        validation.onApplicationEvent(ready());

        assertThat(submitted).hasSize(1);
        assertThat(validation.isBuilt()).isFalse();
    }

    @Test
    @DisplayName("on first use: the ready event builds nothing")
    void notBuiltWhenReady() {
        List<Runnable> submitted = new ArrayList<>();
        FullValidation validation = new FullValidation(Optional.empty(), submitted::add, false);

        validation.onApplicationEvent(ready());

        assertThat(submitted).isEmpty();
        assertThat(validation.isBuilt()).isFalse();
    }
}
