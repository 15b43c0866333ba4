package io.gpm2dv.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import jakarta.inject.Inject;

import io.gpm2dv.pipeline.MigrationConfig;

/** The mapping in force: the confirmed mapping file when {@code migration.mapping-file} is set, else the default map. */
@ApplicationScoped
public class MappingSpecs {
    @Inject
    MigrationConfig config;

    private MappingSpec spec;

    public synchronized MappingSpec current() {
        if (spec == null) {
            Optional<Path> mappingFile = config.mappingFile();
            try {
                spec = mappingFile.isPresent() ? MappingSpec.read(mappingFile.get()) : MappingSpec.defaultMap();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mapping file " + mappingFile.get(), e);
            }
        }
        return spec;
    }
}
