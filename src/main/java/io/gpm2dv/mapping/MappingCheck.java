package io.gpm2dv.mapping;

/**
 * What the map in force asks of the mapping validator before it accepts an edited mapping file. The validator
 * ({@code mapping.validation}) reads this package's types and implements it, so this package never imports it back.
 */
public interface MappingCheck {
    /** Refuses the map with every error, line by line (an {@code InvalidMappingException}); returns when it is valid. */
    void refuseInvalid(byte[] yaml, String what);
}
