package io.vqi.train;

import io.vqi.core.InvalidOptionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LearningRateTest {

    @Test
    void aConstantRateStaysPut() {
        LearningRate r = LearningRate.constant(1e-3);
        assertEquals(1e-3, r.at(0, 0, 1000));
        assertEquals(1e-3, r.at(999, 0, 1000));
    }

    @Test
    void theRateFallsLinearlyFromThisRunsFirstStepToTheTarget() {
        LearningRate r = new LearningRate(4e-4, 1e-4); // a resumed run that starts at step 1000, target 3000
        assertEquals(4e-4, r.at(1000, 1000, 3000), 1e-15);
        assertEquals(2.5e-4, r.at(2000, 1000, 3000), 1e-15);
        assertEquals(1e-4, r.at(3000, 1000, 3000), 1e-15);
        assertEquals(1e-4, r.at(5000, 1000, 3000), 1e-15);
    }

    @Test
    void aRunThatStartsAtItsTargetKeepsTheInitialRate() {
        assertEquals(4e-4, new LearningRate(4e-4, 1e-4).at(3000, 3000, 3000));
    }

    @Test
    void refusesAFinalRateAboveTheStartOrNotPositive() {
        // InvalidOptionException: the CLI's usage error (64), not an internal one (issue 10).
        assertThrows(InvalidOptionException.class, () -> new LearningRate(1e-4, 2e-4));
        assertThrows(InvalidOptionException.class, () -> new LearningRate(1e-4, 0));
        assertThrows(InvalidOptionException.class, () -> new LearningRate(1, 1e-4));
    }

    @Test
    void warmupRisesToTheScheduleThenFollowsIt() {
        LearningRate r = new LearningRate(2e-4, 1e-4, 10);
        assertEquals(2e-5, r.at(100, 100, 1100), 1e-12); // first step of the run: a tenth
        assertEquals(0.5 * new LearningRate(2e-4, 1e-4).at(104, 100, 1100), r.at(104, 100, 1100), 1e-15);
        assertEquals(new LearningRate(2e-4, 1e-4).at(110, 100, 1100), r.at(110, 100, 1100), 1e-15);
        assertThrows(InvalidOptionException.class, () -> new LearningRate(1e-4, 1e-4, -1));
    }
}
