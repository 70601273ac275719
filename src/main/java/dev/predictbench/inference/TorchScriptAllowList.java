package dev.predictbench.inference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The names TorchScript code and its pickles may use, read once from torchscript-allowed.txt. */
final class TorchScriptAllowList {

    static final TorchScriptAllowList DEFAULT = load();

    private final Map<String, Set<String>> sections;

    private TorchScriptAllowList(Map<String, Set<String>> sections) {
        this.sections = sections;
    }

    /** Whether {@code name} is listed in {@code section} ("aten", "prim", "quantized", "classes"...). */
    boolean allows(String section, String name) {
        return sections.getOrDefault(section, Set.of()).contains(name);
    }

    private static TorchScriptAllowList load() {
        Map<String, Set<String>> sections = new HashMap<>();
        var stream = Objects.requireNonNull(TorchScriptAllowList.class.getResourceAsStream("torchscript-allowed.txt"));
        try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            Set<String> current = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    current = sections.computeIfAbsent(line.substring(1, line.length() - 1), k -> new HashSet<>());
                } else {
                    for (String name : line.split("\\s+")) {
                        current.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TorchScriptAllowList(sections);
    }
}
