package org.peftrepro.reports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The records of a results folder grouped by the table-level settings they were planned under (scale, model,
 * data, overrides, ...: {@code config.settings}), so that a report never mixes numbers made under other settings
 * into one cell. Groups come newest first (by their last finished run).
 */
public final class SettingsGroups {

    /**
     * Records planned under one set of settings.
     *
     * @param settings the settings in words, as recorded
     */
    public record Group(Map<String, String> settings, List<RunRecord> records) {
        /** E.g. "scale smoke, fidelity paper, model ..., epochs 3 (88 runs)". */
        public String describe() {
            String words = settings.isEmpty()
                    ? "settings not recorded (records of an older version)"
                    : settings.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "));
            return words + " (" + records.size() + (records.size() == 1 ? " run)" : " runs)");
        }

        Instant lastFinished() {
            return records.stream().map(RunRecord::finishedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(Instant.MIN);
        }
    }

    private SettingsGroups() {}

    /** The groups of {@code records}, newest first. */
    public static List<Group> of(List<RunRecord> records) {
        Map<Map<String, String>, List<RunRecord>> byKey = new LinkedHashMap<>();
        for (RunRecord record : records) {
            byKey.computeIfAbsent(settingsOf(record), k -> new ArrayList<>()).add(record);
        }
        List<Group> groups = new ArrayList<>();
        byKey.forEach((settings, list) -> groups.add(new Group(settings, List.copyOf(list))));
        groups.sort(Comparator.comparing(Group::lastFinished).reversed());
        return groups;
    }

    private static Map<String, String> settingsOf(RunRecord record) {
        Object settings = record.config().get("settings");
        Map<String, String> result = new LinkedHashMap<>();
        if (settings instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }
}
