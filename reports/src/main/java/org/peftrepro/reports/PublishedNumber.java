package org.peftrepro.reports;

import org.peftrepro.datasets.GlueTask;
import java.util.Optional;

/**
 * One number printed in a paper (or quoted from one), to compare a result against.
 *
 * @param paper the paper the number comes from, e.g. {@code LoRA}
 * @param table our table it is compared with, e.g. {@code table1}
 * @param method method name as in our run records
 * @param task the GLUE task
 * @param metric what it measures, e.g. {@code accuracy}
 * @param value the number as printed (metric × 100); empty when it is not known here
 * @param params trainable parameters as printed, e.g. {@code 0.3M}; empty when not known
 * @param source where the number is printed, as reports show it
 * @param secondHand true when quoted from another write-up rather than read in the paper itself
 */
public record PublishedNumber(
        String paper,
        String table,
        String method,
        GlueTask task,
        String metric,
        Optional<Double> value,
        Optional<String> params,
        String source,
        boolean secondHand) {}
