package io.vqi.train;

import io.vqi.codec.model.VqVaeConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainOptionsTest {

    private static TrainOptions options(long steps, double lr, double lrFinal) {
        return new TrainOptions(List.of(Path.of("data")), Path.of("out"), VqVaeConfig.tiny(), 8, 128, 2, 5, steps,
                true, 1, lr, lrFinal, 50, 5, 8, null);
    }

    @Test
    void aConstantRateStaysPut() {
        TrainOptions o = options(1000, 1e-3, 1e-3);
        assertEquals(1e-3, o.learningRateAt(0, 0));
        assertEquals(1e-3, o.learningRateAt(999, 0));
    }

    @Test
    void theRateFallsLinearlyFromThisRunsFirstStepToTheTarget() {
        TrainOptions o = options(3000, 4e-4, 1e-4); // a resumed run that starts at step 1000
        assertEquals(4e-4, o.learningRateAt(1000, 1000), 1e-15);
        assertEquals(2.5e-4, o.learningRateAt(2000, 1000), 1e-15);
        assertEquals(1e-4, o.learningRateAt(3000, 1000), 1e-15);
        assertEquals(1e-4, o.learningRateAt(5000, 1000), 1e-15);
    }

    @Test
    void aResumedRunPastTheTargetKeepsItsRate() {
        assertEquals(4e-4, options(3000, 4e-4, 1e-4).learningRateAt(3000, 3000));
    }

    @Test
    void refusesAFinalRateAboveTheStartOrNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> options(1000, 1e-4, 2e-4));
        assertThrows(IllegalArgumentException.class, () -> options(1000, 1e-4, 0));
    }
}
