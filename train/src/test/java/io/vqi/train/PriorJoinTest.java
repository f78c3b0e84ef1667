package io.vqi.train;

import io.vqi.model.ModelBundle;
import io.vqi.model.Tensor;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeGraph;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PriorJoinTest {
    private static final VqVaeConfig TINY = VqVaeConfig.tiny();
    private static final PriorConfig PRIOR = PriorConfig.tiny(TINY.codebookSize());

    /** {@code model}'s tensors, those {@code change} names shifted by 0.5 in their first value. */
    private static List<Tensor> changed(ModelBundle model, java.util.function.Predicate<String> change) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : model.tensors()) {
            float[] d = t.data().clone();
            if (change.test(t.name())) {
                d[0] += 0.5f;
            }
            out.add(new Tensor(t.name(), t.shape(), d));
        }
        return out;
    }

    @Test
    void thePriorMovesToAVqVaeWithTheSameEncoderAndAnotherDecoder() {
        ModelBundle withPrior = TestModels.randomWithPrior(TINY, PRIOR, 3);
        ModelBundle vq = TestModels.random(TINY, 3);
        assertEquals(withPrior.sha256Hex(), PriorJoin.attach(vq, withPrior).sha256Hex());

        ModelBundle otherDecoder = ModelBundle.of(TINY, changed(vq, n -> !VqVaeGraph.isEncoderSide(n)), "");
        ModelBundle joined = PriorJoin.attach(otherDecoder, withPrior);
        assertEquals(PRIOR, joined.prior());
        for (Tensor t : joined.tensors()) {
            Tensor from = (t.name().startsWith("prior.") ? withPrior : otherDecoder).tensorMap().get(t.name());
            assertArrayEquals(from.data(), t.data(), t.name());
        }
        assertEquals(otherDecoder.tensors().size() + TestModels.randomPrior(PRIOR, 4).size(), joined.tensors().size());
    }

    @Test
    void refusesAModelWithoutAPriorOrWithOtherGrids() {
        ModelBundle withPrior = TestModels.randomWithPrior(TINY, PRIOR, 3);
        ModelBundle vq = TestModels.random(TINY, 3);
        assertThrows(IllegalArgumentException.class, () -> PriorJoin.attach(vq, vq));
        ModelBundle otherCodebook = ModelBundle.of(TINY, changed(vq, "codebook"::equals), "");
        assertThrows(IllegalArgumentException.class, () -> PriorJoin.attach(otherCodebook, withPrior));
        VqVaeConfig deeper = new VqVaeConfig(TINY.name(), TINY.c1(), TINY.c2(), TINY.c3(), TINY.latentDim(),
                TINY.codebookSize(), TINY.encoderBlocks() + 1, TINY.decoderBlocks(), TINY.decoderMidBlocks());
        assertThrows(IllegalArgumentException.class,
                () -> PriorJoin.attach(TestModels.random(deeper, 3), withPrior));
    }

    @Test
    void joinReplacesAPriorTheModelAlreadyHas() {
        ModelBundle old = TestModels.randomWithPrior(TINY, PRIOR, 3);
        List<Tensor> prior = new ArrayList<>(TestModels.randomPrior(PRIOR, 9).values());
        ModelBundle joined = PriorJoin.join(old, PRIOR, prior);
        assertEquals(TestModels.randomWithPrior(TINY, PRIOR, 8).tensors().size(), joined.tensors().size());
        for (Tensor t : prior) { // bundles keep half precision
            float[] a = t.data();
            float[] b = joined.tensorMap().get(t.name()).data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], Math.abs(a[i]) * 1e-3 + 1e-6, t.name() + "[" + i + "]");
            }
        }
    }
}
