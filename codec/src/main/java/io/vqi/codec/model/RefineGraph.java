package io.vqi.codec.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Builds the refinement layer's SameDiff graph (see {@link RefineConfig}): the one place its architecture is written
 * down for training and for the ND4J half of inference. The scale network is also evaluated in pure Java for the
 * entropy coder ({@code io.vqi.codec.refine.ScaleNetwork}), from the same tensors and the same formula.
 *
 * <p>Parameters are prefixed {@code ref.} (analysis, scales, gains) and {@code rdec.} (the refined decoder, a copy of
 * the base decoder's architecture).
 */
public final class RefineGraph {

    /** Smallest scale of the logistic entropy model: keeps every bin's probability well away from 0 and 1. */
    public static final double SCALE_FLOOR = 0.11;

    private final SameDiff sd;
    private final VqVaeGraph base;
    private final VqVaeConfig vc;
    private final RefineConfig rc;

    public RefineGraph(SameDiff sd, VqVaeConfig vc, RefineConfig rc, VqVaeGraph.Params params) {
        this.sd = sd;
        this.vc = vc;
        this.rc = rc;
        this.base = new VqVaeGraph(sd, vc, params);
    }

    /** The refinement layer's own parameters ({@code ref.*}, {@code rdec.*}) in a fixed order. */
    public static List<VqVaeGraph.ParamSpec> parameterSpecs(VqVaeConfig vc, RefineConfig rc) {
        SameDiff sd = SameDiff.create();
        RefineGraph probe = new RefineGraph(sd, vc, rc, (s, spec) ->
                s.var(spec.name(), Nd4j.zeros(DataType.FLOAT, spec.shape())));
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, -1, -1);
        SDVariable codes = sd.placeHolder("codes", DataType.FLOAT, -1, vc.latentDim(), -1, -1);
        SDVariable level = sd.placeHolder("level", DataType.FLOAT, 1, rc.levels());
        SDVariable y = probe.analyse(x, codes);
        probe.logScale(codes);
        probe.gain(level);
        probe.synthesise(codes, y.mul(probe.inverseGain(level)));
        return probe.base.specs().stream().filter(s -> isRefineParameter(s.name())).toList();
    }

    public static boolean isRefineParameter(String name) {
        return name.startsWith("ref.") || name.startsWith("rdec.");
    }

    public VqVaeGraph base() {
        return base;
    }

    /** Image {@code [B,3,H,W]} in [0,1] and the base layer's code vectors {@code [B,D,H/8,W/8]} to the latent y. */
    public SDVariable analyse(SDVariable x, SDVariable codes) {
        SDVariable h = base.act(base.conv(x.sub(0.5), "ref.down1", 3, rc.a1(), 3, 2));
        h = base.act(base.conv(h, "ref.down2", rc.a1(), rc.a2(), 3, 2));
        h = base.conv(h, "ref.down3", rc.a2(), rc.a3(), 3, 2);
        h = h.add(base.conv(codes, "ref.codes", vc.latentDim(), rc.a3(), 3, 1));
        for (int i = 0; i < rc.blocks(); i++) {
            h = base.residual(h, "ref.res" + i, rc.a3());
        }
        return base.conv(base.act(h), "ref.out", rc.a3(), rc.channels(), 3, 1);
    }

    /**
     * Natural log of the latent's scale at gain 1, per element, from the code vectors alone: a 3x3 convolution,
     * LeakyReLU, a 1x1 convolution.
     */
    public SDVariable logScale(SDVariable codes) {
        SDVariable h = base.act(base.conv(codes, "ref.scale.a", vc.latentDim(), rc.scaleHidden(), 3, 1));
        return base.conv(h, "ref.scale.b", rc.scaleHidden(), rc.channels(), 1, 1);
    }

    /** The gain vector of the level selected by a one-hot row {@code [1, levels]}, as {@code [1,C,1,1]}. */
    public SDVariable gain(SDVariable levelOneHot) {
        return levelVector(levelOneHot, "ref.gain");
    }

    /** The inverse gain of the level (learned separately, as in Cui et al.): dequantised = integers * this. */
    public SDVariable inverseGain(SDVariable levelOneHot) {
        return levelVector(levelOneHot, "ref.igain");
    }

    /** The refined decoder: the base decoder's architecture with the dequantised latent injected at 1/8. */
    public SDVariable synthesise(SDVariable codes, SDVariable dequantised) {
        SDVariable inject = base.conv(dequantised, "rdec.inject", rc.channels(), vc.c3(), 3, 1, 0.0);
        return base.decode("rdec", codes, inject);
    }

    /** Scale of the gained latent: {@code SCALE_FLOOR + exp(logScale) * gain}, the formula the Java coder uses. */
    public SDVariable scale(SDVariable logScale, SDVariable gain) {
        return sd.math().exp(logScale).mul(gain).add(SCALE_FLOOR);
    }

    /**
     * Bits of each value under a zero-mean logistic of the given scale, integrated over the unit bin around it
     * (written on {@code -|v|} because the density is symmetric, which keeps the tails accurate in float).
     */
    public SDVariable bits(SDVariable values, SDVariable scale) {
        SDVariable a = sd.math().abs(values).neg();
        SDVariable upper = sd.nn().sigmoid(a.add(0.5).div(scale));
        SDVariable lower = sd.nn().sigmoid(a.sub(0.5).div(scale));
        return sd.math().log(upper.sub(lower).add(1e-9)).mul(-1.0 / Math.log(2));
    }

    private SDVariable levelVector(SDVariable levelOneHot, String name) {
        SDVariable logGain = base.param(name, new long[] {rc.levels(), rc.channels()}, 0.0);
        SDVariable row = sd.mmul(levelOneHot, logGain);
        return sd.reshape(sd.math().exp(row), 1, rc.channels(), 1, 1);
    }
}
