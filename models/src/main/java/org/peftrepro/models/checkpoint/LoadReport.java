package org.peftrepro.models.checkpoint;

import java.util.List;

/**
 * What loading a checkpoint into a model did, as HF reports it.
 *
 * @param loaded model parameters set from the checkpoint
 * @param initialized model parameters the checkpoint lacked (or had in another shape, for a head), drawn fresh
 * @param unused checkpoint tensors the model has no place for (e.g. {@code lm_head.*} of a base checkpoint)
 */
public record LoadReport(List<String> loaded, List<String> initialized, List<String> unused) {

    /** One line per non-empty group, in HF's spirit ("newly initialized", "not used"). */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(loaded.size()).append(" tensors loaded");
        if (!initialized.isEmpty()) {
            s.append("; newly initialized (not in the checkpoint, or shaped for another task): ")
                    .append(String.join(", ", initialized));
        }
        if (!unused.isEmpty()) {
            s.append("; checkpoint tensors not used: ").append(abbreviate(unused));
        }
        return s.toString();
    }

    private static String abbreviate(List<String> names) {
        if (names.size() <= 6) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more";
    }
}
