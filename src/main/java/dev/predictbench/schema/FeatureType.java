package dev.predictbench.schema;

import java.util.Arrays;
import java.util.Optional;

/** The types a bundle's feature can have, by their manifest names. */
public enum FeatureType {
    NUMBER("number"),
    INTEGER("integer"),
    CATEGORY("category"),
    TEXT("text"),
    BOOLEAN("boolean");

    private final String manifestName;

    FeatureType(String manifestName) {
        this.manifestName = manifestName;
    }

    public String manifestName() {
        return manifestName;
    }

    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER || this == BOOLEAN;
    }

    public static Optional<FeatureType> fromManifestName(String name) {
        return Arrays.stream(values()).filter(t -> t.manifestName.equals(name)).findFirst();
    }
}
