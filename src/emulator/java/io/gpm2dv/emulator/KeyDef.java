package io.gpm2dv.emulator;

import java.util.List;

/** An alternate key: its schema name and the columns it is made of (all Active; index building is not modelled yet). */
public record KeyDef(String name, List<String> columns) {
}
