package io.gpm2dv.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.gpm2dv.audit.MappingLedger;
import io.gpm2dv.pipeline.MigrationConfig;

/**
 * The map in force, strongest first: the newest map uploaded through the operator API (kept in the ledger), else
 * {@code migration.mapping-file}, else the bundled default map. Read once and kept until an upload replaces it.
 */
@ApplicationScoped
public class MappingSpecs {
    public static final String BUNDLED_RESOURCE = "/mapping/default-map.yaml";

    @Inject
    MigrationConfig config;

    @Inject
    MappingLedger ledger;

    /** Lazy: the target's metadata is read only when a mapping file is to be loaded. */
    @Inject
    Instance<MappingCheck> validation;

    private MapInForce inForce;

    public MappingSpec current() {
        return inForce().spec();
    }

    public synchronized MapInForce inForce() {
        if (inForce == null) {
            inForce = load();
        }
        return inForce;
    }

    /** Makes an uploaded map the map in force (the caller has validated it); any confirmation of earlier maps stops counting. */
    public synchronized MapInForce replace(byte[] yaml, String uploadedBy) {
        MappingSpec spec = parse(yaml, "the uploaded map");
        String sha = MapInForce.sha256(yaml);
        Instant since = ledger.upload(sha, yaml, uploadedBy);
        inForce = new MapInForce(yaml, sha, MapInForce.Origin.UPLOADED, uploadedBy, since, spec);
        return inForce;
    }

    private MapInForce load() {
        Optional<MappingLedger.Upload> upload = ledger.latestUpload();
        if (upload.isPresent()) {
            MappingLedger.Upload u = upload.get();
            return new MapInForce(u.content(), u.sha256(), MapInForce.Origin.UPLOADED, u.uploadedBy(), u.uploadedAt(),
                    parse(u.content(), "the map uploaded by " + u.uploadedBy()));
        }
        Optional<Path> file = config.mappingFile();
        if (file.isPresent()) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mapping file " + file.get(), e);
            }
            refuseInvalid(bytes, "mapping file " + file.get());
            return new MapInForce(bytes, MapInForce.sha256(bytes), MapInForce.Origin.FILE, file.get().toString(),
                    Instant.EPOCH, parse(bytes, "mapping file " + file.get()));
        }
        byte[] bytes = bundledBytes();
        return new MapInForce(bytes, MapInForce.sha256(bytes), MapInForce.Origin.BUNDLED, BUNDLED_RESOURCE, Instant.EPOCH,
                parse(bytes, "the bundled default map"));
    }

    /** An edited file is refused with every error, line by line, before anything runs on it. */
    private void refuseInvalid(byte[] yaml, String what) {
        if (validation == null || !validation.isResolvable()) {
            return;
        }
        validation.get().refuseInvalid(yaml, what);
    }

    public static byte[] bundledBytes() {
        try (InputStream in = MappingSpecs.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled default map", e);
        }
    }

    private static MappingSpec parse(byte[] yaml, String what) {
        try {
            return MappingSpec.read(new ByteArrayInputStream(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " cannot be read: " + e.getMessage(), e);
        }
    }
}
