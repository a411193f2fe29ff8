package org.peftrepro.evaluation.tasks;

/** The four benchmarks of Table II. */
public enum Benchmark {
    MMLU("mmlu", "MMLU"), BBH("bbh", "BBH"), DROP("drop", "DROP"), HUMANEVAL("humaneval", "HumanEval");

    private final String wireName;
    private final String displayName;

    Benchmark(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    /** The name on the command line, in file names and records: {@code mmlu}, {@code bbh}, {@code drop}, {@code humaneval}. */
    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public static Benchmark parse(String name) {
        return WireNames.parse(values(), Benchmark::wireName, name, "benchmark");
    }
}
