package org.peftrepro.datasets.bench;

import java.util.List;
import java.util.Optional;

/**
 * A BIG-Bench Hard task: its test rows, and the chain-of-thought prompt of the BBH repository when the folder has
 * it ({@code cot-prompts/<task>.txt}).
 */
public record BbhTask(String name, List<BbhExample> examples, Optional<CotPrompt> chainOfThought) {
    public BbhTask {
        examples = List.copyOf(examples);
    }
}
