package org.peftrepro.reproduce.engine;

import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Parameters that share optimizer settings, as PyTorch's param groups: the method's parameters and the
 * task head (which the official LoR2C code trains at half the learning rate).
 *
 * @param lrScale multiplies the scheduled learning rate
 * @param weightDecay decoupled weight decay (AdamW), per step {@code p -= lr * weightDecay * p}
 */
public record ParameterGroup(String name, List<Parameter> parameters, double lrScale, double weightDecay) {}
