package io.vqi.train;

import io.vqi.model.Tensor;
import io.vqi.prior.PixelCnnPrior;
import io.vqi.prior.PriorConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SameDiff graph that trains the prior and the Java code that runs it must be the same function. */
class PriorGraphTest {

    @Test
    void javaIncrementalLogitsMatchTheTrainingGraph() {
        PriorConfig config = new PriorConfig(32, 5, 9, 3, 5);
        SameDiff sd = PriorTrainer.buildGraph(config, 42, 1e-3);
        // Make biases and the output layer non-trivial, so every term is tested.
        Random r = new Random(1);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : PixelCnnPrior.tensorShapes(config).entrySet()) {
            INDArray arr = sd.getVariable(e.getKey()).getArr();
            float[] v = arr.dup('c').data().asFloat();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextGaussian() * 0.4);
            }
            arr.assign(Nd4j.create(v, e.getValue(), 'c'));
            tensors.put(e.getKey(), new Tensor(e.getKey(), e.getValue(), v));
        }
        int rows = 7;
        int cols = 11;
        long[] idx = new long[rows * cols];
        int[] symbols = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            symbols[i] = r.nextInt(config.alphabet());
            idx[i] = symbols[i];
        }
        INDArray graphLogits = sd.output(Map.of("indices", Nd4j.createFromArray(idx).reshape(1, rows, cols)),
                "logits").get("logits");

        PixelCnnPrior prior = new PixelCnnPrior(config, tensors);
        PixelCnnPrior.Session s = prior.session(rows, cols);
        float[] logits = new float[config.alphabet()];
        double worst = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                s.logits(y, x, logits);
                for (int k = 0; k < config.alphabet(); k++) {
                    worst = Math.max(worst, Math.abs(logits[k] - graphLogits.getFloat(0, k, y, x)));
                }
                s.set(y, x, symbols[y * cols + x]);
            }
        }
        assertTrue(worst < 1e-4, "largest logit difference " + worst);
    }
}
