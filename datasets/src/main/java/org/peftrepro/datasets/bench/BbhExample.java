package org.peftrepro.datasets.bench;

/** One row of a BIG-Bench Hard task: the question and its answer, as the task scores it. */
public record BbhExample(String input, String target) {}
