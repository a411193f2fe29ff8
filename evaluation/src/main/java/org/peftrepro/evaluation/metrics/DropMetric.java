package org.peftrepro.evaluation.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DROP's official metrics, as the DROP evaluation script and lm-evaluation-harness compute them. An answer is a
 * list of spans. Each span is normalised token by token (tokens split at spaces and hyphens; lower case;
 * punctuation removed unless the token is a number; numbers written as Python writes floats, "3" as "3.0"; the
 * articles a, an, the removed) and becomes a bag (set) of tokens. Exact match: the same normalised spans. F1: the
 * predicted and gold bags aligned one to one for the largest total F1 (a pair whose gold bag holds numbers scores 0
 * unless the prediction shares one), averaged over the larger number of spans, rounded to two decimals. Over
 * several gold answers, the best of each.
 */
public final class DropMetric {
    private static final Pattern ARTICLES = Pattern.compile("\\b(a|an|the)\\b", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TOKEN_SPLIT = Pattern.compile(" |-");
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** What Python's {@code float()} accepts (its {@code _is_number}), on a token without spaces. */
    private static final Pattern PYTHON_FLOAT = Pattern.compile(
            "[+-]?((\\d(_?\\d)*)?\\.\\d(_?\\d)*|\\d(_?\\d)*\\.?)(e[+-]?\\d(_?\\d)*)?|[+-]?(inf|infinity|nan)",
            Pattern.CASE_INSENSITIVE);

    private DropMetric() {}

    /** Exact match and F1 of one prediction. */
    public record Score(double exactMatch, double f1) {}

    /**
     * The best exact match and the best F1 over the gold answers, each a list of spans; a gold answer whose first
     * span is blank is left out, as in lm-evaluation-harness.
     */
    public static Score score(List<String> predicted, List<List<String>> goldAnswers) {
        double em = 0;
        double f1 = 0;
        for (List<String> gold : goldAnswers) {
            if (gold.isEmpty() || gold.get(0).isBlank()) {
                continue;
            }
            Score s = against(predicted, gold);
            em = Math.max(em, s.exactMatch());
            f1 = Math.max(f1, s.f1());
        }
        return new Score(em, f1);
    }

    /** Exact match and F1 against one gold answer. */
    static Score against(List<String> predicted, List<String> gold) {
        List<String> predictedSpans = predicted.stream().map(DropMetric::normalize).toList();
        List<String> goldSpans = gold.stream().map(DropMetric::normalize).toList();
        boolean exact = new HashSet<>(predictedSpans).equals(new HashSet<>(goldSpans))
                && predictedSpans.size() == goldSpans.size();
        double[] perBag = alignedF1(bags(predictedSpans), bags(goldSpans));
        double mean = 0;
        for (double f : perBag) {
            mean += f;
        }
        mean /= perBag.length;
        // numpy's round(x, 2): rint(x * 100) / 100.
        return new Score(exact ? 1 : 0, Math.rint(mean * 100) / 100);
    }

    /** The normalised span: its tokens normalised one by one, empty ones dropped, joined by spaces. */
    static String normalize(String span) {
        List<String> tokens = new ArrayList<>();
        for (String token : TOKEN_SPLIT.split(span, -1)) {
            String t = whitespaceFix(removeArticles(fixNumber(removePunctuation(token.toLowerCase(Locale.ROOT)))));
            if (!t.isBlank()) {
                tokens.add(t);
            }
        }
        return String.join(" ", tokens).strip();
    }

    private static List<Set<String>> bags(List<String> spans) {
        List<Set<String>> bags = new ArrayList<>();
        for (String span : spans) {
            Set<String> bag = new LinkedHashSet<>();
            for (String token : span.split("\\s+")) {
                if (!token.isEmpty()) {
                    bag.add(token);
                }
            }
            bags.add(bag);
        }
        return bags;
    }

    /** Per gold bag (and per extra predicted bag, scoring 0) the F1 of the bag it is aligned with. */
    private static double[] alignedF1(List<Set<String>> predicted, List<Set<String>> gold) {
        double[][] scores = new double[gold.size()][predicted.size()];
        for (int g = 0; g < gold.size(); g++) {
            for (int p = 0; p < predicted.size(); p++) {
                if (numbersMatchIfPresent(gold.get(g), predicted.get(p))) {
                    scores[g][p] = f1(predicted.get(p), gold.get(g));
                }
            }
        }
        int[] columnOf = Assignment.maximize(scores);
        double[] best = new double[Math.max(gold.size(), predicted.size())];
        for (int g = 0; g < gold.size(); g++) {
            if (columnOf[g] >= 0) {
                best[g] = Math.max(best[g], scores[g][columnOf[g]]);
            }
        }
        return best;
    }

    private static double f1(Set<String> predicted, Set<String> gold) {
        long common = predicted.stream().filter(gold::contains).count();
        double precision = predicted.isEmpty() ? 1.0 : (double) common / predicted.size();
        double recall = gold.isEmpty() ? 1.0 : (double) common / gold.size();
        return precision == 0 && recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /** A gold bag with numbers in it only matches a prediction that shares one of them. */
    private static boolean numbersMatchIfPresent(Set<String> gold, Set<String> predicted) {
        Set<String> goldNumbers = new HashSet<>();
        for (String word : gold) {
            if (isNumber(word)) {
                goldNumbers.add(word);
            }
        }
        return goldNumbers.isEmpty() || predicted.stream().anyMatch(goldNumbers::contains);
    }

    static boolean isNumber(String text) {
        return PYTHON_FLOAT.matcher(text.strip()).matches();
    }

    private static String removePunctuation(String token) {
        if (isNumber(token)) {
            return token;
        }
        StringBuilder out = new StringBuilder(token.length());
        token.codePoints().filter(c -> PUNCTUATION.indexOf(c) < 0).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String fixNumber(String token) {
        return isNumber(token) ? PythonFloat.repr(PythonFloat.parse(token)) : token;
    }

    private static String removeArticles(String text) {
        return ARTICLES.matcher(text).replaceAll(" ");
    }

    private static String whitespaceFix(String text) {
        return String.join(" ", text.strip().split("\\s+"));
    }
}
