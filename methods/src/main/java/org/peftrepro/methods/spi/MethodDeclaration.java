package org.peftrepro.methods.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.peftrepro.methods.peft.PeftCodec;

/**
 * Everything the suite knows of a method besides its math, declared once by the method itself: the command line,
 * the tables, the benchmarks, the run records and the PEFT folder reader all read it from here.
 *
 * @param name the name on the command line, in run records and in run ids, e.g. {@code lor2c}
 * @param displayName the name as the papers print it in their tables, e.g. {@code LoR2C}
 * @param description one line for the {@code methods} listing
 * @param row the method's place among the tables' rows, smaller first (the suite's methods use 10, 20, ..., leaving
 *     room between them); empty: after every placed method, by name, and a table runs it only when asked to (by
 *     name or {@code --methods all})
 * @param options the options {@code --set key=value} accepts, with their types and defaults
 * @param protocols what the method sets for a protocol (a paper table), by protocol name
 * @param peftCodec how its adapters are stored in PEFT's folder format, for a method PEFT has
 */
public record MethodDeclaration(String name, String displayName, String description, OptionalInt row,
        List<OptionSpec> options, Map<String, ProtocolDefaults> protocols, Optional<PeftCodec> peftCodec) {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public MethodDeclaration {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("method name '" + name + "': use lower-case letters, digits and '-'"
                    + " (it is part of run ids and file names)");
        }
        requireText(name, "display name", displayName);
        requireText(name, "description", description);
        options = List.copyOf(options);
        Set<String> keys = new HashSet<>();
        for (OptionSpec option : options) {
            if (!keys.add(option.key())) {
                throw new IllegalArgumentException("method " + name + " declares option " + option.key() + " twice");
            }
        }
        protocols = Collections.unmodifiableMap(new LinkedHashMap<>(protocols));
        for (ProtocolDefaults p : protocols.values()) {
            // A default the method's own options refuse is a mistake in the declaration: it fails when loaded.
            List<Map<String, String>> optionSets = new ArrayList<>();
            optionSets.add(p.options());
            p.tasks().keySet().forEach(task -> optionSets.add(p.optionsFor(task)));
            for (Map<String, String> set : optionSets) {
                try {
                    MethodOptions.resolve(name, options, set);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("protocol " + p.protocol() + " defaults: " + e.getMessage(), e);
                }
            }
        }
    }

    /** The method's settings for {@code protocol}, if it declares any. */
    public Optional<ProtocolDefaults> protocol(String protocol) {
        return Optional.ofNullable(protocols.get(protocol));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds a declaration field by field; {@link #build()} checks it. */
    public static final class Builder {
        private final String name;
        private String displayName;
        private String description;
        private OptionalInt row = OptionalInt.empty();
        private final List<OptionSpec> options = new ArrayList<>();
        private final Map<String, ProtocolDefaults> protocols = new LinkedHashMap<>();
        private PeftCodec peftCodec;

        private Builder(String name) {
            this.name = name;
        }

        public Builder displayName(String value) {
            displayName = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder row(int value) {
            row = OptionalInt.of(value);
            return this;
        }

        public Builder option(OptionSpec option) {
            options.add(option);
            return this;
        }

        public Builder options(List<OptionSpec> value) {
            options.addAll(value);
            return this;
        }

        public Builder protocol(ProtocolDefaults defaults) {
            if (protocols.put(defaults.protocol(), defaults) != null) {
                throw new IllegalArgumentException("method " + name + " declares protocol " + defaults.protocol() + " twice");
            }
            return this;
        }

        public Builder peftCodec(PeftCodec value) {
            peftCodec = value;
            return this;
        }

        public MethodDeclaration build() {
            return new MethodDeclaration(name, displayName, description, row, options, protocols,
                    Optional.ofNullable(peftCodec));
        }
    }

    private static void requireText(String method, String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("method " + method + " declares no " + what);
        }
    }
}
