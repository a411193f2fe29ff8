package org.peftrepro.evaluation.lm;

/**
 * The answer to lm-evaluation-harness's {@code loglikelihood} request.
 *
 * @param logprob the summed log-probability of the continuation's tokens given the context
 * @param greedy whether greedy decoding from the context would have produced exactly those tokens
 * @param tokens how many tokens the continuation has
 */
public record LogLikelihood(double logprob, boolean greedy, int tokens) {}
