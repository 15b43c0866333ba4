package io.gpm2dv.proposal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

/**
 * Sentence embeddings of labels and display names: all-MiniLM-L6-v2 run in process through ONNX, offline (the model
 * ships in its jar). Loaded on first use (about a second and a few hundred MB), then shared; embeddings are cached.
 */
public final class Embeddings {
    private static volatile EmbeddingModel model;
    private final Map<String, Embedding> cache = new ConcurrentHashMap<>();

    private static EmbeddingModel model() {
        if (model == null) {
            synchronized (Embeddings.class) {
                if (model == null) {
                    model = new AllMiniLmL6V2EmbeddingModel();
                }
            }
        }
        return model;
    }

    /** Cosine similarity of the two texts' meanings, about 0 (unrelated) to 1 (the same). */
    public double similarity(String a, String b) {
        return CosineSimilarity.between(embed(a), embed(b));
    }

    private Embedding embed(String text) {
        return cache.computeIfAbsent(text.toLowerCase(), t -> model().embed(t).content());
    }
}
