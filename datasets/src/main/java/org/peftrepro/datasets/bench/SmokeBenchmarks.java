package org.peftrepro.datasets.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.peftrepro.hub.io.AtomicFiles;

/**
 * Writes offline versions of MMLU, BBH, DROP and HumanEval in their Hub layouts and parquet schemas, so that the
 * readers of the real files read them: small, made deterministically from a seed (the same seed gives the same
 * bytes), about the {@link SmokeWorld} of that seed. Like the smoke GLUE tasks they check that an evaluation runs
 * and tells methods apart; they measure nothing about the real benchmarks, and every report made from them says so.
 *
 * <pre>
 *   mmlu/all/{dev,test}-00000-of-00001.parquet          (cais/mmlu)
 *   bbh/&lt;task&gt;/test-00000-of-00001.parquet              (SaylorTwift/bbh)
 *   bbh/cot-prompts/&lt;task&gt;.txt                         (BIG-Bench-Hard's chain-of-thought prompts)
 *   drop/data/{train,validation}-00000-of-00001.parquet (ucinlp/drop)
 *   humaneval/openai_humaneval/test-00000-of-00001.parquet (openai/openai_humaneval)
 *   README.txt
 * </pre>
 */
public final class SmokeBenchmarks {
    public static final String README_FIRST_LINE = "synthetic smoke benchmarks: not comparable to the paper";
    /** MMLU dev questions per subject (the 5 shots) and test questions per subject. */
    static final int MMLU_DEV = 5;
    static final int MMLU_TEST = 12;
    /** BBH rows per task: the first 3 are InstructEval's shots. */
    static final int BBH_ROWS = 3 + 15;
    static final int DROP_REPORTS = 6;
    static final int HUMANEVAL_PROBLEMS = 12;
    private static final String SHARD = "-00000-of-00001.parquet";

    private SmokeBenchmarks() {}

    /** Where each benchmark's files are under a smoke (or real) benchmark root. */
    public record Folders(Path root, Path mmlu, Path bbh, Path drop, Path humanEval) {
        public static Folders under(Path root) {
            return new Folders(root, root.resolve("mmlu"), root.resolve("bbh"), root.resolve("drop"), root.resolve("humaneval"));
        }
    }

    /** Whether a folder holds smoke benchmarks made by {@link #generate} (its README.txt says so on its first line). */
    public static boolean isSmoke(Path root) {
        try (java.io.BufferedReader in = Files.newBufferedReader(root.resolve("README.txt"))) {
            return README_FIRST_LINE.equals(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes the four benchmarks into {@code folder}, which must not exist or be empty; whole or not at all. */
    public static Folders generate(Path folder, long seed) throws IOException {
        SmokeWorld world = SmokeWorld.create(seed);
        Path target = folder.toAbsolutePath().normalize();
        AtomicFiles.writeFolder(target, fresh -> writeAll(Folders.under(fresh), world));
        return Folders.under(target);
    }

    private static void writeAll(Folders folders, SmokeWorld world) throws IOException {
        writeMmlu(folders.mmlu(), world);
        writeBbh(folders.bbh(), world);
        writeDrop(folders.drop(), world);
        writeHumanEval(folders.humanEval(), world);
        Files.writeString(folders.root().resolve("README.txt"), readme(world), StandardCharsets.UTF_8);
    }

    private static void writeMmlu(Path folder, SmokeWorld world) throws IOException {
        Random random = world.stream(1);
        List<Map<String, Object>> dev = new ArrayList<>();
        List<Map<String, Object>> test = new ArrayList<>();
        // cais/mmlu's "all" files list subjects in name order.
        List<String> subjects = new ArrayList<>();
        for (SmokeWorld.Attribute attribute : SmokeWorld.Attribute.values()) {
            subjects.add(attribute.subject());
        }
        subjects.add("elementary_arithmetic");
        subjects.sort(null);
        for (String subject : subjects) {
            List<MmluQuestion> questions = new ArrayList<>();
            SmokeWorld.Attribute attribute = null;
            for (SmokeWorld.Attribute a : SmokeWorld.Attribute.values()) {
                attribute = a.subject().equals(subject) ? a : attribute;
            }
            for (int i = 0; i < MMLU_DEV + MMLU_TEST; i++) {
                questions.add(attribute == null ? SmokeWorld.arithmeticQuestion(random)
                        : world.factQuestion(world.people().get(i % world.people().size()), attribute, random));
            }
            questions.subList(0, MMLU_DEV).forEach(q -> dev.add(mmluRow(q)));
            questions.subList(MMLU_DEV, questions.size()).forEach(q -> test.add(mmluRow(q)));
        }
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("question", "VARCHAR");
        columns.put("subject", "VARCHAR");
        columns.put("choices", "VARCHAR[]");
        columns.put("answer", "BIGINT");
        Parquet.write(folder.resolve("all").resolve("dev" + SHARD), columns, dev);
        Parquet.write(folder.resolve("all").resolve("test" + SHARD), columns, test);
    }

    private static Map<String, Object> mmluRow(MmluQuestion q) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("question", q.question());
        row.put("subject", q.subject());
        row.put("choices", q.choices());
        row.put("answer", q.answer());
        return row;
    }

    private static void writeBbh(Path folder, SmokeWorld world) throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("input", "VARCHAR");
        columns.put("target", "VARCHAR");
        for (SmokeReasoning task : SmokeReasoning.values()) {
            Random rows = world.stream(10 + task.ordinal());
            List<Map<String, Object>> examples = new ArrayList<>();
            for (int i = 0; i < BBH_ROWS; i++) {
                SmokeReasoning.Solved solved = task.draw(rows, world);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("input", solved.input());
                row.put("target", solved.target());
                examples.add(row);
            }
            Parquet.write(folder.resolve(task.taskName()).resolve("test" + SHARD), columns, examples);
            // Chain-of-thought exemplars of their own draws, as BBH's prompts are not test rows.
            Random exemplars = world.stream(20 + task.ordinal());
            List<String> worked = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                worked.add(task.draw(exemplars, world).exemplar());
            }
            Path cot = folder.resolve(BenchmarkFiles.COT_FOLDER).resolve(task.taskName() + ".txt");
            Files.createDirectories(cot.getParent());
            Files.writeString(cot, new CotPrompt(task.description(), worked).format(), StandardCharsets.UTF_8);
        }
    }

    private static void writeDrop(Path folder, SmokeWorld world) throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("section_id", "VARCHAR");
        columns.put("query_id", "VARCHAR");
        columns.put("passage", "VARCHAR");
        columns.put("question", "VARCHAR");
        columns.put("answers_spans", "STRUCT(spans VARCHAR[], types VARCHAR[])");
        for (String split : List.of("train", "validation")) {
            Random random = world.stream(split.equals("train") ? 30 : 31);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 0; r < DROP_REPORTS; r++) {
                String section = "smoke_" + split + "_" + r;
                for (DropQuestion q : SmokeMatches.report(world, random, section)) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("section_id", section);
                    row.put("query_id", q.queryId());
                    row.put("passage", q.passage());
                    row.put("question", q.question());
                    row.put("answers_spans", Map.of("spans", q.spans(), "types", q.types()));
                    rows.add(row);
                }
            }
            Parquet.write(folder.resolve("data").resolve(split + SHARD), columns, rows);
        }
    }

    private static void writeHumanEval(Path folder, SmokeWorld world) throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String column : List.of("task_id", "prompt", "canonical_solution", "test", "entry_point")) {
            columns.put(column, "VARCHAR");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (HumanEvalProblem p : SmokeCode.problems(world.stream(40), HUMANEVAL_PROBLEMS, "SmokeEval")) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task_id", p.taskId());
            row.put("prompt", p.prompt());
            row.put("canonical_solution", p.canonicalSolution());
            row.put("test", p.test());
            row.put("entry_point", p.entryPoint());
            rows.add(row);
        }
        Parquet.write(folder.resolve("openai_humaneval").resolve("test" + SHARD), columns, rows);
    }

    /** What the folder holds and how it was made. */
    static String readme(SmokeWorld world) {
        return README_FIRST_LINE + "\n"
                + "\n"
                + "Made by org.peftrepro.datasets.bench.SmokeBenchmarks with seed " + world.seed() + ", in the Hugging Face Hub\n"
                + "layouts of cais/mmlu, SaylorTwift/bbh, ucinlp/drop and openai/openai_humaneval. They only check that an\n"
                + "evaluation runs and tells methods apart; they measure nothing about the real benchmarks.\n"
                + "\n"
                + "The world: " + world.people().size() + " people, each with a home town, a job, a favourite colour and a pet,\n"
                + "drawn from the seed (SmokeWorld).\n"
                + "- mmlu: " + MMLU_DEV + " dev and " + MMLU_TEST + " test questions in each of five subjects: town_geography,\n"
                + "  occupations, favourite_colours and pets ask one fact of a person (the truth and three other values\n"
                + "  of the attribute), elementary_arithmetic asks a sum or difference of numbers up to 12.\n"
                + "- bbh: four tasks of BIG-Bench Hard in small (boolean_expressions, object_counting, word_sorting,\n"
                + "  web_of_lies), " + BBH_ROWS + " rows each, every answer following from a rule; cot-prompts/ holds a\n"
                + "  chain-of-thought prompt per task (a description and three worked examples of other draws).\n"
                + "- drop: match reports of two towns' football teams with the world's people scoring, " + DROP_REPORTS
                + " in each\n"
                + "  split, and questions on them: goals read off, added up or subtracted, who scored, who won, and\n"
                + "  which players scored (two spans).\n"
                + "- humaneval: " + HUMANEVAL_PROBLEMS + " one-line Python functions in HumanEval's shape from a dozen templates.\n";
    }
}
