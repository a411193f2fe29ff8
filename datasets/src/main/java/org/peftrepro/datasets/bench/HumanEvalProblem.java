package org.peftrepro.datasets.bench;

/**
 * One row of {@code openai/openai_humaneval}.
 *
 * @param prompt the function's signature and docstring, which the model continues
 * @param test a {@code check(candidate)} function of assertions
 * @param entryPoint the function {@code check} is called with
 */
public record HumanEvalProblem(String taskId, String prompt, String canonicalSolution, String test, String entryPoint) {}
