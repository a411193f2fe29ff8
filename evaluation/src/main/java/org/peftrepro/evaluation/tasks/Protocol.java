package org.peftrepro.evaluation.tasks;

/**
 * How the benchmarks are asked and scored, named in every report: InstructEval (the protocol the LoR2C code base's
 * parent reported: every benchmark by generation and prefix match) or lm-evaluation-harness (MMLU by
 * log-likelihood, BBH with chain of thought and its answer regex, DROP by exact match and F1, HumanEval greedy).
 */
public enum Protocol {
    INSTRUCT_EVAL("instruct-eval", "InstructEval"), LM_EVAL("lm-eval", "lm-evaluation-harness");

    private final String wireName;
    private final String displayName;

    Protocol(String wireName, String displayName) {
        this.wireName = wireName;
        this.displayName = displayName;
    }

    public String wireName() {
        return wireName;
    }

    public String displayName() {
        return displayName;
    }

    public static Protocol parse(String name) {
        return WireNames.parse(values(), Protocol::wireName, name, "protocol");
    }
}
