package io.gpm2dv.mapping.validation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.gpm2dv.mapping.MappingCheck;
import io.gpm2dv.schema.DataverseMetadataHttp;

/**
 * The validator as the run and the operator API call it: the export schema on the source side and the target's
 * metadata (read through the product's Dataverse client, once per table per call) on the target side. When the target
 * cannot be reached, only the target checks are skipped.
 */
@ApplicationScoped
public class MappingValidation implements MappingCheck {
    private static final Logger LOG = Logger.getLogger(MappingValidation.class);

    @Inject
    DataverseMetadataHttp http;

    /** Every problem of the map, sorted by line; empty when it is valid. */
    public List<MappingError> validate(byte[] yaml) {
        return check(yaml).errors();
    }

    /** Loading an edited mapping file refuses it with every error, before anything runs on it. */
    @Override
    public void refuseInvalid(byte[] yaml, String what) {
        List<MappingError> errors = validate(yaml);
        if (!errors.isEmpty()) {
            throw new InvalidMappingException(what, errors);
        }
    }

    public MappingValidator.Result check(byte[] yaml) {
        MappingValidator.Result withoutTarget = MappingValidator.validate(yaml, SourceColumns.exportSchema());
        if (!withoutTarget.valid()) {
            return withoutTarget; // the target is asked only about a map that reads
        }
        try {
            return MappingValidator.check(yaml, SourceColumns.exportSchema(), new TargetColumns(http));
        } catch (RuntimeException e) {
            LOG.warnf("mapping validation: the target's metadata cannot be read (%s); target checks skipped",
                    e.getClass().getSimpleName());
            return withoutTarget;
        }
    }
}
