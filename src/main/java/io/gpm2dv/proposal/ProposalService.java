package io.gpm2dv.proposal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.gpm2dv.mapping.MappingSpec;
import io.gpm2dv.mapping.MappingSpecs;
import io.gpm2dv.pipeline.MigrationConfig;
import io.gpm2dv.schema.DataverseMetadataHttp;
import io.gpm2dv.source.ExportRefusedException;
import io.gpm2dv.source.ExportSource;

/** The proposal for the configured export and target, written to the report directory; what the operator API serves. */
@ApplicationScoped
public class ProposalService {
    @Inject
    ExportSource exportSource;

    @Inject
    DataverseMetadataHttp metadata;

    @Inject
    MigrationConfig config;

    @ConfigProperty(name = "migration.proposal.min-score", defaultValue = "0.45")
    double minScore;

    @ConfigProperty(name = "migration.proposal.min-unused-score", defaultValue = "0.8")
    double minUnusedScore;

    @ConfigProperty(name = "migration.proposal.sample-values", defaultValue = "200")
    int sampleValues;

    @ConfigProperty(name = "migration.proposal.sample-rows", defaultValue = "200")
    int sampleRows;

    private final Embeddings embeddings = new Embeddings();

    public Proposal propose() {
        Map<String, ExportSamples.FileSample> samples;
        try {
            samples = ExportSamples.read(exportSource.open(), sampleRows);
        } catch (ExportRefusedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the export for the proposal", e);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> values = new LinkedHashMap<>();
        samples.forEach((file, sample) -> {
            headers.put(file, sample.header());
            values.put(file, sample.values());
        });
        Proposal proposal = new MappingProposer(embeddings, new MappingProposer.Settings(minScore, minUnusedScore, sampleValues))
                .propose(new MappingProposer.Input(MappingSpec.defaultMap(), headers, exportSource.index().customFields(),
                        table -> TargetColumn.read(metadata, table), values));
        ProposalFiles.write(config.reportDir(), new String(MappingSpecs.bundledBytes(), StandardCharsets.UTF_8), proposal);
        return proposal;
    }

    public static String yaml(Proposal proposal) {
        return ProposalFiles.mappingFile(new String(MappingSpecs.bundledBytes(), StandardCharsets.UTF_8), proposal);
    }
}
