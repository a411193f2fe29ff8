package org.peftrepro.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.peftrepro.hub.io.AtomicFiles;

/**
 * Writes deterministic synthetic versions of the eight GLUE tasks, so that the whole pipeline can run
 * offline and quickly: a folder in the GLUE TSV layout, a word-level {@code tokenizer.json} for its
 * vocabulary, a {@code corpus.txt} for a brief masked-LM pretraining of a tiny model, and a
 * {@code README.txt} saying what the data is. The labels follow simple rules of the tokens (see the
 * README text) that a 2-4 layer Transformer learns in a few epochs. The same seed and scale give the
 * same bytes.
 */
public final class SmokeTasks {

    public static final String README_FIRST_LINE = "synthetic smoke data: not comparable to the paper";

    private SmokeTasks() {
    }

    /**
     * Whether a folder holds smoke tasks made by {@link #generate} (its README.txt says so on its first line), so
     * that reports made from it are marked synthetic however the folder was given.
     */
    public static boolean isSmokeFolder(Path folder) {
        Path readme = folder.resolve("README.txt");
        try (java.io.BufferedReader in = Files.newBufferedReader(readme)) {
            return README_FIRST_LINE.equals(in.readLine());
        } catch (IOException e) {
            return false; // no README: real GLUE files
        }
    }

    /**
     * Generates the smoke folder. It is written beside {@code folder} and renamed into place at the
     * end, so a failure leaves no half-written folder.
     *
     * @param folder where to write; must not exist or be empty
     * @throws FileAlreadyExistsException when {@code folder} holds files
     */
    public static SmokeFolder generate(Path folder, long seed, SmokeScale scale) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        AtomicFiles.writeFolder(target, fresh -> writeAll(fresh, seed, scale));
        return new SmokeFolder(target, target.resolve("tokenizer.json"), target.resolve("corpus.txt"),
                SmokeLexicon.vocabulary().size());
    }

    private static void writeAll(Path folder, long seed, SmokeScale scale) throws IOException {
        StringBuilder corpus = new StringBuilder();
        for (GlueTask task : GlueTask.values()) {
            Path taskFolder = Files.createDirectory(folder.resolve(task.displayName()));
            List<String> splits = new ArrayList<>();
            splits.add(GlueTask.TRAIN);
            splits.addAll(task.devSplits());
            for (int s = 0; s < splits.size(); s++) {
                String split = splits.get(s);
                // One random stream per (task, split): each file depends only on the seed, not on the others.
                Random random = new Random(Seeds.mix(seed, 16L * task.ordinal() + s));
                int count = split.equals(GlueTask.TRAIN) ? scale.trainPerTask() : scale.devPerTask();
                List<Example> examples = new SmokeTaskGenerator(random).generate(task, count);
                write(taskFolder.resolve(GlueTsvFormat.fileName(split)), SmokeTsvWriter.write(task, split, examples));
                if (split.equals(GlueTask.TRAIN)) {
                    for (Example example : examples) {
                        corpus.append(example.textA()).append('\n');
                        if (example.isPair()) {
                            corpus.append(example.textB()).append('\n');
                        }
                    }
                }
            }
        }
        write(folder.resolve("tokenizer.json"), SmokeTokenizerJson.of(SmokeLexicon.vocabulary()));
        write(folder.resolve("corpus.txt"), corpus.toString());
        write(folder.resolve("README.txt"), readme(seed, scale));
    }

    /** What the folder holds and how its labels were made. */
    static String readme(long seed, SmokeScale scale) {
        int words = SmokeLexicon.vocabulary().size() - SmokeLexicon.SPECIAL_TOKENS.size();
        return README_FIRST_LINE + "\n"
                + "\n"
                + "Made by org.peftrepro.datasets.SmokeTasks with seed " + seed + ": " + scale.trainPerTask()
                + " train and " + scale.devPerTask() + " dev examples per task\n"
                + "(MNLI: " + scale.devPerTask() + " in dev_matched and " + scale.devPerTask() + " in dev_mismatched,"
                + " made by the same\nrules: there is no genre shift between them).\n"
                + "File names, columns and label sets are those of the original GLUE download; columns the\n"
                + "generator has nothing for (MNLI parses and label2..label5, STS-B source files) are empty.\n"
                + "This data only checks that a pipeline runs and learns; it measures nothing about GLUE.\n"
                + "\n"
                + "The sentences use a made-up vocabulary of " + words + " words and one sentence pattern,\n"
                + "  [time] det [adj] person [never] verb det [adj] thing [prep det place] [time],\n"
                + "questions about such sentences, and short reviews for SST-2. Labels are balanced, carry no\n"
                + "noise, and follow from the words:\n"
                + "- CoLA: 1 if the sentence fits the pattern, 0 if its words were scrambled until it does not.\n"
                + "- SST-2: one polar adjective or verb gives the sentiment; a \"not\" or \"never\" before it flips it.\n"
                + "- MRPC: 1 if the second sentence is the first with one or two words replaced by synonyms (and\n"
                + "  perhaps its time word moved); 0 if it has another subject, verb and object.\n"
                + "- STS-B: the second sentence keeps a share of the first one's content words and replaces the\n"
                + "  others; the score is 5 times the share kept.\n"
                + "- QQP: 1 if the second question is the first with one word replaced by a synonym; 0 if two of\n"
                + "  its content words were replaced by unrelated words.\n"
                + "- MNLI: the hypothesis keeps some of the premise's words (entailment), adds a word for something\n"
                + "  the premise leaves open (neutral), or keeps some of its words and adds \"never\" (contradiction).\n"
                + "- QNLI: entailment if the sentence states the event asked about, answer included; not_entailment\n"
                + "  if it leaves the answer out or changes the subject, verb or object the question names.\n"
                + "- RTE: as MNLI, with neutral and contradiction both labelled not_entailment.\n"
                + "\n"
                + "tokenizer.json: one token per word (WordLevel), ids 0..4 = <s> <pad> </s> <unk> <mask>, and\n"
                + "RoBERTa's special tokens around sentences and pairs (<s> a </s></s> b </s>).\n"
                + "corpus.txt: every sentence of every train split, one per line, for masked-LM pretraining.\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
