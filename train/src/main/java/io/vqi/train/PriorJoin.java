package io.vqi.train;

import io.vqi.model.ModelBundle;
import io.vqi.model.Tensor;
import io.vqi.model.VqVaeConfig;
import io.vqi.network.VqVaeGraph;
import io.vqi.prior.PriorConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Joins a prior to a VQ-VAE: the one model file {@code vqi compress} uses. */
public final class PriorJoin {
    /** Every prior tensor's name starts with it. */
    static final String PRIOR_PREFIX = "prior.";

    private PriorJoin() {
    }

    /** {@code vq}'s VQ-VAE tensors (any prior of its own left out) with the prior {@code config, priorTensors}. */
    static ModelBundle join(ModelBundle vq, PriorConfig config, List<Tensor> priorTensors) {
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : vq.tensors()) {
            if (!t.name().startsWith(PRIOR_PREFIX)) {
                tensors.add(t);
            }
        }
        tensors.addAll(priorTensors);
        return ModelBundle.of(vq.config(), config, tensors, "");
    }

    /**
     * {@code vq} with the prior of {@code withPrior}, whose VQ-VAE must have the same encoder architecture, encoder
     * weights and codebook (so the same index grids: a decoder trained further, or grown, with a frozen encoder keeps
     * its prior). The decoders may differ.
     *
     * @throws IllegalArgumentException if {@code withPrior} has no prior or its grids could differ
     */
    public static ModelBundle attach(ModelBundle vq, ModelBundle withPrior) {
        if (!withPrior.hasPrior()) {
            throw new IllegalArgumentException("model " + withPrior.modelId() + " has no prior");
        }
        if (!encoderSide(vq.config()).equals(encoderSide(withPrior.config()))) {
            throw new IllegalArgumentException("the prior's VQ-VAE has another encoder or codebook architecture");
        }
        Map<String, Tensor> other = withPrior.tensorMap();
        for (Tensor t : vq.tensors()) {
            if (VqVaeGraph.isEncoderSide(t.name()) && !Arrays.equals(t.data(), other.get(t.name()).data())) {
                throw new IllegalArgumentException("tensor " + t.name() + " differs from the prior's VQ-VAE: the "
                        + "index grids would not be the ones the prior was trained on");
            }
        }
        List<Tensor> prior = new ArrayList<>();
        for (Tensor t : withPrior.tensors()) {
            if (t.name().startsWith(PRIOR_PREFIX)) {
                prior.add(t);
            }
        }
        return join(vq, withPrior.prior(), prior);
    }

    /** The architecture with the decoder's blocks left out: what decides the index grids. */
    private static VqVaeConfig encoderSide(VqVaeConfig c) {
        return new VqVaeConfig(c.name(), c.c1(), c.c2(), c.c3(), c.latentDim(), c.codebookSize(), c.encoderBlocks(),
                0, 0);
    }
}
