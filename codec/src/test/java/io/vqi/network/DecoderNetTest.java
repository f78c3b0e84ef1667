package io.vqi.network;

import io.vqi.codec.ModelZoo;
import io.vqi.image.ImageTensor;
import io.vqi.model.IndexGrid;
import io.vqi.model.ModelBundle;
import io.vqi.model.RefineBundle;
import io.vqi.model.Tensor;
import io.vqi.testdata.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The op-by-op decoder computes exactly the floats of the SameDiff graphs that define the architecture (and that
 * training ran): the base decoder of {@link VqVaeGraph} and the refined one of {@link RefineGraph}, on the embedded
 * model, so decoded pixels and the golden files do not move.
 */
class DecoderNetTest {

    static ModelBundle model;
    static RefineBundle layer;
    static Map<String, Tensor> tensors;
    static VqVaeGraph.Params params;
    static IndexGrid grid;
    static float[] latent;

    @BeforeAll
    static void encode() throws IOException {
        model = ModelZoo.defaultModel();
        layer = ModelZoo.defaultRefinement().orElseThrow();
        tensors = new HashMap<>(model.tensorMap());
        tensors.putAll(layer.tensorMap());
        params = (sd, spec) -> sd.constant(spec.name(), Nd4j.create(tensors.get(spec.name()).data(), spec.shape(), 'c'));
        ImageTensor img = ImageTensor.fromImage(ImageIO.read(TestData.open("images/odd-123x77.png")));
        grid = VqVaeModel.load(model).encode(img);
        latent = RefineModel.load(model, layer).analyse(img, grid);
    }

    static INDArray indices() {
        long[] idx = new long[grid.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = grid.indices()[i];
        }
        return Nd4j.createFromArray(idx).reshape(1, grid.rows(), grid.cols());
    }

    @Test
    void baseDecoderGivesTheGraphsFloats() {
        SameDiff sd = SameDiff.create();
        VqVaeGraph g = new VqVaeGraph(sd, model.config(), params);
        SDVariable idx = sd.placeHolder("indices", DataType.INT64, 1, -1, -1);
        sd.identity("out", g.decode(g.lookup(idx)));
        float[] expected = sd.output(Map.of("indices", indices()), "out").get("out").dup('c').data().asFloat();
        float[] actual = new DecoderNet(model.config(), null, model.tensorMap()).decode(grid, null);
        assertArrayEquals(expected, actual);
    }

    @Test
    void refinedDecoderGivesTheGraphsFloats() {
        float[] actual = new DecoderNet(model.config(), layer.config(), tensors).decode(grid, latent);
        assertArrayEquals(graphDecode(model, layer, grid, latent), actual);
    }

    /** The refined image of {@code grid} and {@code latent} as the training graph ({@link RefineGraph}) computes it. */
    static float[] graphDecode(ModelBundle model, RefineBundle layer, IndexGrid grid, float[] latent) {
        Map<String, Tensor> all = new HashMap<>(model.tensorMap());
        all.putAll(layer.tensorMap());
        VqVaeGraph.Params constants = (sd, spec) ->
                sd.constant(spec.name(), Nd4j.create(all.get(spec.name()).data(), spec.shape(), 'c'));
        SameDiff sd = SameDiff.create();
        RefineGraph g = new RefineGraph(sd, model.config(), layer.config(), constants);
        SDVariable idx = sd.placeHolder("indices", DataType.INT64, 1, -1, -1);
        SDVariable y = sd.placeHolder("latent", DataType.FLOAT, 1, layer.config().channels(), -1, -1);
        SDVariable codes = g.base().lookup(idx);
        sd.identity("out", g.synthesise(g.baseImage(codes), codes, y));
        long[] indices = new long[grid.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = grid.indices()[i];
        }
        INDArray in = Nd4j.createFromArray(indices).reshape(1, grid.rows(), grid.cols());
        INDArray yArray = Nd4j.create(latent, new long[] {1, layer.config().channels(), grid.rows(), grid.cols()}, 'c');
        return sd.output(Map.of("indices", in, "latent", yArray), "out").get("out").dup('c').data().asFloat();
    }

    /**
     * Strips of the upper stages with their two rows of context give the one-piece decode's floats, up to the
     * rounding of convolutions run on other shapes.
     */
    @Test
    void stripsGiveTheOnePieceDecode() {
        DecoderNet net = new DecoderNet(model.config(), layer.config(), tensors);
        float[] whole = net.decodeOnePiece(grid, latent);
        for (int strip : new int[] {1, 2, 3, 7}) {
            float[] strips = net.decode(grid, latent, strip);
            assertEquals(whole.length, strips.length);
            for (int i = 0; i < whole.length; i++) {
                assertEquals(whole[i], strips[i], 1e-5, "strip " + strip + ", value " + i);
            }
        }
    }
}
