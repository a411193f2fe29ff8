package org.peftrepro.evaluation.tasks;

/** What every benchmark run shares: its protocol, the model's prompt budget, and a scale's cap on new tokens. */
abstract class ProtocolRun implements BenchmarkRun {
    protected final Protocol protocol;
    protected final PromptBudget budget;
    private final int newTokensCap;

    /** @param newTokensCap a cap on the new tokens below the protocol's (smoke scale), or 0 for none */
    ProtocolRun(Protocol protocol, PromptBudget budget, int newTokensCap) {
        this.protocol = protocol;
        this.budget = budget;
        this.newTokensCap = newTokensCap;
    }

    @Override
    public Protocol protocol() {
        return protocol;
    }

    /** The new tokens a question may ask for: the protocol's, under the scale's cap and the model's positions. */
    protected int maxNewTokens(int protocolTokens) {
        return budget.maxNewTokens(newTokensCap > 0 ? Math.min(protocolTokens, newTokensCap) : protocolTokens);
    }

    /** For the notes: the scale's cap, when there is one. */
    protected String capNote() {
        return newTokensCap > 0 ? " (new tokens capped at " + newTokensCap + " at this scale)" : "";
    }
}
