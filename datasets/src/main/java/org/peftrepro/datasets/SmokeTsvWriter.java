package org.peftrepro.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes smoke examples as the original GLUE download writes each task: same file names, columns and
 * label spellings, so {@link GlueTsvReader} reads them as it reads GLUE. Columns the generator has
 * nothing true to put in (MNLI's parses, STS-B's source files) are left empty.
 */
final class SmokeTsvWriter {

    private static final String SOURCE = "smoke";

    private SmokeTsvWriter() {
    }

    static String write(GlueTask task, String split, List<Example> examples) {
        StringBuilder out = new StringBuilder();
        String header = header(task, split);
        if (header != null) {
            out.append(header).append('\n');
        }
        for (Example example : examples) {
            out.append(String.join("\t", row(task, split, example))).append('\n');
        }
        return out.toString();
    }

    private static String header(GlueTask task, String split) {
        return switch (task) {
            case COLA -> null;
            case SST2 -> "sentence\tlabel";
            case MRPC -> "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String";
            case STSB -> "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2\tscore";
            case QQP -> "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate";
            case MNLI -> "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse"
                    + "\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\tlabel1"
                    + (split.equals(GlueTask.TRAIN) ? "" : "\tlabel2\tlabel3\tlabel4\tlabel5") + "\tgold_label";
            case QNLI -> "index\tquestion\tsentence\tlabel";
            case RTE -> "index\tsentence1\tsentence2\tlabel";
        };
    }

    private static List<String> row(GlueTask task, String split, Example example) {
        String index = Integer.toString(example.index());
        String firstId = Integer.toString(2 * example.index() + 1);
        String secondId = Integer.toString(2 * example.index() + 2);
        String label = Integer.toString(example.label());
        String a = example.textA();
        String b = example.textB();
        return switch (task) {
            // CoLA marks unacceptable sentences with "*" in its third column.
            case COLA -> List.of(SOURCE, label, example.label() == 0 ? "*" : "", a);
            case SST2 -> List.of(a, label);
            case MRPC -> List.of(label, firstId, secondId, a, b);
            case STSB -> List.of(index, SOURCE, "", "", index, "", "", a, b,
                    String.format(Locale.ROOT, "%.3f", example.score()));
            case QQP -> List.of(index, firstId, secondId, a, b, label);
            case MNLI -> {
                String name = task.labelNames().get(example.label());
                // One generated label: label1 holds it, the dev files' label2..label5 stay empty.
                List<String> labels = split.equals(GlueTask.TRAIN) ? List.of(name) : List.of(name, "", "", "", "");
                List<String> fields = new ArrayList<>(List.of(index, index, index, SOURCE, "", "", "", "", a, b));
                fields.addAll(labels);
                fields.add(name);
                yield fields;
            }
            case QNLI, RTE -> List.of(index, a, b, task.labelNames().get(example.label()));
        };
    }
}
