package io.gpm2dv.proposal;

import org.junit.jupiter.api.Test;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

class EmbedProbeTest {
    @Test
    void probe() {
        var m = new AllMiniLmL6V2EmbeddingModel();
        String[][] pairs = {{"Pref. time to call", "Preferred Time"}, {"Pref. time to call", "Preferred Day"}, {"Spouse / partner", "Spouse/Partner Name"},
            {"Preferred name", "Nickname"}, {"Preferred name", "First Name"}, {"Relationship status", "Marital Status"}, {"Occupation", "Job Title"},
            {"No. of kids", "No. of Children"}, {"Pain score (0-10)", "Annual Income"}};
        for (String[] p : pairs) {
            System.out.printf("%-25s %-25s %.3f%n", p[0], p[1], CosineSimilarity.between(m.embed(p[0]).content(), m.embed(p[1]).content()));
        }
    }
}
