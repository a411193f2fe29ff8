package org.peftrepro.evaluation.metrics;

/**
 * InstructEval's scoring of MMLU, BBH and DROP: correct when the generated text, stripped of surrounding
 * whitespace, starts with the gold answer ({@code pred.strip().startswith(label)}).
 */
public final class PrefixMatch {
    private PrefixMatch() {}

    public static boolean correct(String generated, String gold) {
        return generated.strip().startsWith(gold);
    }
}
