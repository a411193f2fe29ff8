package org.peftrepro.datasets.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Readers of the four benchmarks in their Hugging Face Hub layouts (a snapshot of the dataset repository, or a
 * folder laid out the same way), read with DuckDB:
 * <ul>
 *   <li>MMLU, {@code cais/mmlu}: {@code all/{dev,test}-*.parquet} (or one folder per subject), columns
 *       {@code question}, {@code subject}, {@code choices}, {@code answer};
 *   <li>BBH, {@code SaylorTwift/bbh}: {@code <task>/test-*.parquet}, or {@code lukaemon/bbh}'s parquet conversion
 *       {@code <task>/test/*.parquet}, columns {@code input}, {@code target}; chain-of-thought prompts from
 *       {@code cot-prompts/<task>.txt} when present;
 *   <li>DROP, {@code ucinlp/drop}: {@code data/{train,validation}-*.parquet}, columns {@code query_id},
 *       {@code passage}, {@code question}, {@code answers_spans} (struct of {@code spans}, {@code types});
 *   <li>HumanEval, {@code openai/openai_humaneval}: {@code openai_humaneval/test-*.parquet}, columns
 *       {@code task_id}, {@code prompt}, {@code canonical_solution}, {@code test}, {@code entry_point}.
 * </ul>
 * Rows keep their file order; shards are read in name order.
 */
public final class BenchmarkFiles {
    public static final String MMLU_HUB_ID = "cais/mmlu";
    public static final String BBH_HUB_ID = "SaylorTwift/bbh";
    public static final String DROP_HUB_ID = "ucinlp/drop";
    public static final String HUMANEVAL_HUB_ID = "openai/openai_humaneval";
    /** BBH's chain-of-thought prompts, as the BIG-Bench-Hard repository keeps them. */
    public static final String COT_FOLDER = "cot-prompts";

    private BenchmarkFiles() {}

    /** MMLU questions by subject (subjects in name order), of one split: {@code dev}, {@code validation} or {@code test}. */
    public static Map<String, List<MmluQuestion>> mmlu(Path folder, String split) throws IOException {
        List<Path> shards;
        if (Files.isDirectory(folder.resolve("all"))) {
            shards = shards(folder.resolve("all"), split);
        } else {
            shards = new ArrayList<>();
            for (Path subject : subfolders(folder)) {
                try {
                    shards.addAll(shards(subject, split));
                } catch (NoSuchFileException e) {
                    // a folder without this split (cais/mmlu's auxiliary_train)
                }
            }
            if (shards.isEmpty()) {
                throw new NoSuchFileException(folder.resolve("all").resolve(split + "-*.parquet").toString(), null,
                        "no MMLU parquet files (cais/mmlu layout: all/<split>-*.parquet)");
            }
        }
        Map<String, List<MmluQuestion>> bySubject = new TreeMap<>();
        for (Path shard : shards) {
            for (Parquet.Row row : Parquet.read(shard, List.of("question", "subject", "choices", "answer"))) {
                List<String> choices = row.strings("choices");
                long answer = row.integer("answer");
                if (choices.size() != 4 || answer < 0 || answer > 3) {
                    throw new BenchmarkFormatException(shard, row.number(), "an MMLU row has 4 choices and an answer 0..3, "
                            + "found " + choices.size() + " choices and answer " + answer);
                }
                String subject = row.string("subject");
                bySubject.computeIfAbsent(subject, s -> new ArrayList<>())
                        .add(new MmluQuestion(subject, row.string("question"), choices, (int) answer));
            }
        }
        return bySubject;
    }

    /** Every BBH task of the folder, in name order. */
    public static List<BbhTask> bbh(Path folder) throws IOException {
        List<BbhTask> tasks = new ArrayList<>();
        for (Path taskFolder : subfolders(folder)) {
            String name = taskFolder.getFileName().toString();
            if (name.equals(COT_FOLDER)) {
                continue;
            }
            List<Path> shards = Files.isDirectory(taskFolder.resolve("test"))
                    ? shards(taskFolder.resolve("test"), "")
                    : shards(taskFolder, "test");
            List<BbhExample> examples = new ArrayList<>();
            for (Path shard : shards) {
                for (Parquet.Row row : Parquet.read(shard, List.of("input", "target"))) {
                    examples.add(new BbhExample(row.string("input"), row.string("target")));
                }
            }
            Path cot = folder.resolve(COT_FOLDER).resolve(name + ".txt");
            Optional<CotPrompt> prompt = Files.isRegularFile(cot)
                    ? Optional.of(CotPrompt.parse(Files.readString(cot, StandardCharsets.UTF_8)))
                    : Optional.empty();
            tasks.add(new BbhTask(name, examples, prompt));
        }
        if (tasks.isEmpty()) {
            throw new NoSuchFileException(folder.toString(), null, "no BBH task folders (<task>/test-*.parquet)");
        }
        return tasks;
    }

    /** DROP questions of one split, {@code train} or {@code validation}, in file order. */
    public static List<DropQuestion> drop(Path folder, String split) throws IOException {
        List<DropQuestion> questions = new ArrayList<>();
        for (Path shard : shards(folder.resolve("data"), split)) {
            for (Parquet.Row row : Parquet.read(shard, List.of("query_id", "passage", "question", "answers_spans.spans",
                    "answers_spans.types"))) {
                questions.add(new DropQuestion(row.string("query_id"), row.string("passage"), row.string("question"),
                        row.strings("spans"), row.strings("types")));
            }
        }
        return questions;
    }

    /** Every HumanEval problem, in file order. */
    public static List<HumanEvalProblem> humanEval(Path folder) throws IOException {
        List<HumanEvalProblem> problems = new ArrayList<>();
        for (Path shard : shards(folder.resolve("openai_humaneval"), "test")) {
            for (Parquet.Row row : Parquet.read(shard, List.of("task_id", "prompt", "canonical_solution", "test", "entry_point"))) {
                problems.add(new HumanEvalProblem(row.string("task_id"), row.string("prompt"), row.string("canonical_solution"),
                        row.string("test"), row.string("entry_point")));
            }
        }
        return problems;
    }

    /** {@code <folder>/<split>-*.parquet} in name order ({@code split} empty: every parquet file). */
    private static List<Path> shards(Path folder, String split) throws IOException {
        String pattern = split.isEmpty() ? "*.parquet" : split + "-*.parquet";
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.resolve(pattern).toString(), null, "no such folder");
        }
        List<Path> shards = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, pattern)) {
            entries.forEach(shards::add);
        }
        if (shards.isEmpty()) {
            throw new NoSuchFileException(folder.resolve(pattern).toString(), null, "no parquet shard");
        }
        shards.sort(null);
        return shards;
    }

    private static List<Path> subfolders(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "no such benchmark folder");
        }
        Map<String, Path> sorted = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isDirectory)) {
            entries.forEach(p -> sorted.put(p.getFileName().toString(), p));
        }
        return new ArrayList<>(new LinkedHashMap<>(sorted).values());
    }
}
