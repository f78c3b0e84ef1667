package io.vqi.codec;

import io.vqi.model.ModelBundle;
import io.vqi.prior.PriorConfig;
import io.vqi.model.RefineBundle;
import io.vqi.model.TestModels;
import io.vqi.model.VqVaeConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lookups by hash and id, the default present or not, and the bounded codec cache. */
class ModelRegistryTest {

    private static final ModelBundle MODEL = VqiCodecTest.MODEL;
    private static final RefineBundle LAYER = RefinementTest.LAYER;
    private static final ModelBundle OTHER = TestModels.randomWithPrior(VqVaeConfig.tiny(),
            PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), 77);

    @Test
    void findsModelsByHashAndIdAndLayersByHash() {
        ModelRegistry r = ModelRegistry.of(List.of(MODEL, OTHER), List.of(LAYER), false);
        assertSame(OTHER, r.find(OTHER.sha256()).orElseThrow());
        assertSame(MODEL, r.byId(MODEL.modelId()).orElseThrow());
        assertSame(LAYER, r.layer(LAYER.sha256()).orElseThrow());
        assertSame(LAYER, r.refinementFor(MODEL).orElseThrow());
        assertTrue(r.refinementFor(OTHER).isEmpty());
        assertTrue(r.find(new byte[32]).isEmpty());
        assertTrue(r.byId("no-such-model").isEmpty());
    }

    @Test
    void withoutTheEmbeddedOneThereIsNoDefault() {
        ModelRegistry none = ModelRegistry.of(List.of(MODEL), List.of(), false);
        assertTrue(none.defaultModel().isEmpty());
        assertEquals(List.of(MODEL), none.models());
        assertTrue(ModelRegistry.none().models().isEmpty());
    }

    @Test
    void withTheEmbeddedOneTheDefaultComesLast() {
        ModelRegistry r = ModelRegistry.embedded().withFiles(List.of(MODEL), List.of());
        assertEquals(ModelZoo.hasDefault(), r.defaultModel().isPresent());
        assertSame(MODEL, r.models().get(0));
        assertEquals(ModelZoo.hasDefault() ? 2 : 1, r.models().size());
        r.defaultModel().ifPresent(d -> assertSame(d, r.find(d.sha256()).orElseThrow()));
    }

    @Test
    void oneCodecPerModelWhileInUseAndABoundedCache() {
        ModelRegistry r = ModelRegistry.of(List.of(MODEL, OTHER), List.of(LAYER), false);
        ImageCodec base = r.codec(MODEL, null);
        assertSame(base, r.codec(MODEL, null));
        ImageCodec refined = r.codec(MODEL, LAYER);
        assertSame(refined, r.codec(MODEL, LAYER));
        List<ImageCodec> held = new ArrayList<>();
        for (long seed = 100; seed < 106; seed++) {
            ModelBundle m = TestModels.randomWithPrior(VqVaeConfig.tiny(),
                    PriorConfig.tiny(VqVaeConfig.tiny().codebookSize()), seed);
            held.add(r.codec(m, null));
            assertTrue(r.retainedCodecs() <= 3, "the cache does not grow without bound");
        }
        assertSame(base, r.codec(MODEL, null), "a codec still in use is not loaded twice");
        assertTrue(r.retainedCodecs() <= 3);
    }
}
