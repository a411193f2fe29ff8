package org.peftrepro.datasets.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The smoke BBH tasks: four of BIG-Bench Hard's tasks in small, with the same names and answer formats, each made
 * by a rule a small model can learn, and each worked step by step the way BBH's chain-of-thought prompts work their
 * examples (ending "So the answer is X.").
 */
public enum SmokeReasoning {
    BOOLEAN_EXPRESSIONS("boolean_expressions", "Evaluate a Boolean expression of True, False, not, and, or."),
    OBJECT_COUNTING("object_counting", "Count the things of one kind in a list of things."),
    WORD_SORTING("word_sorting", "Sort a list of words alphabetically."),
    WEB_OF_LIES("web_of_lies", "Work out whether the last person in a chain of statements tells the truth.");

    private static final List<String> ANIMALS = SmokeWorld.Attribute.PET.choices();
    private static final List<String> FRUITS = List.of("apple", "banana", "pear", "plum", "peach", "lemon");

    private final String taskName;
    private final String description;

    SmokeReasoning(String taskName, String description) {
        this.taskName = taskName;
        this.description = description;
    }

    /** The BBH task name, e.g. {@code boolean_expressions}. */
    public String taskName() {
        return taskName;
    }

    /** The task's one-line description, the first paragraph of its chain-of-thought prompt. */
    public String description() {
        return description;
    }

    /**
     * A problem with its answer and worked reasoning.
     *
     * @param reasoning the steps, ending "So the answer is {target}."
     */
    public record Solved(String input, String target, String reasoning) {
        /** As a chain-of-thought exemplar: "Q: input\nA: Let's think step by step.\nreasoning". */
        public String exemplar() {
            return "Q: " + input + "\nA: Let's think step by step.\n" + reasoning;
        }
    }

    /** One problem of this task, drawn from {@code random}; names come from the world's people. */
    public Solved draw(Random random, SmokeWorld world) {
        return switch (this) {
            case BOOLEAN_EXPRESSIONS -> booleanExpression(random);
            case OBJECT_COUNTING -> objectCounting(random);
            case WORD_SORTING -> wordSorting(random);
            case WEB_OF_LIES -> webOfLies(random, world);
        };
    }

    /** "not False or True and False is": not first, then and, then or, as Python evaluates it. */
    private static Solved booleanExpression(Random random) {
        int operands = 2 + random.nextInt(2);
        List<String> words = new ArrayList<>();
        List<Boolean> values = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < operands; i++) {
            if (i > 0) {
                String operator = random.nextBoolean() ? "and" : "or";
                operators.add(operator);
                words.add(operator);
            }
            boolean written = random.nextBoolean();
            boolean negated = random.nextInt(3) == 0;
            if (negated) {
                words.add("not");
                steps.add("not " + name(written) + " = " + name(!written) + ".");
            }
            words.add(name(written));
            values.add(negated != written);
        }
        String expression = String.join(" ", words);
        // "and" binds tighter than "or": reduce each run of "and", then the "or"s.
        List<Boolean> groups = new ArrayList<>();
        boolean current = values.get(0);
        for (int i = 0; i < operators.size(); i++) {
            boolean next = values.get(i + 1);
            if (operators.get(i).equals("and")) {
                steps.add(name(current) + " and " + name(next) + " = " + name(current && next) + ".");
                current = current && next;
            } else {
                groups.add(current);
                current = next;
            }
        }
        groups.add(current);
        boolean result = groups.get(0);
        for (int i = 1; i < groups.size(); i++) {
            steps.add(name(result) + " or " + name(groups.get(i)) + " = " + name(result || groups.get(i)) + ".");
            result = result || groups.get(i);
        }
        String target = name(result);
        steps.add("So the answer is " + target + ".");
        return new Solved(expression + " is", target, String.join("\n", steps));
    }

    /** "I have a cat, two apples and three goats. How many animals do I have?" */
    private static Solved objectCounting(Random random) {
        boolean animals = random.nextBoolean();
        List<String> asked = animals ? ANIMALS : FRUITS;
        List<String> kinds = new ArrayList<>();
        List<String> askedKinds = new ArrayList<>(asked);
        Collections.shuffle(askedKinds, random);
        kinds.add(askedKinds.get(0));
        List<String> all = new ArrayList<>(ANIMALS);
        all.addAll(FRUITS);
        Collections.shuffle(all, random);
        int size = 3 + random.nextInt(2);
        for (String kind : all) {
            if (kinds.size() < size && !kinds.contains(kind)) {
                kinds.add(kind);
            }
        }
        Collections.shuffle(kinds, random);
        List<String> phrases = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (String kind : kinds) {
            int count = 1 + random.nextInt(3);
            String phrase = count == 1 ? article(kind) + " " + kind : SmokeWorld.spelled(count) + " " + plural(kind);
            phrases.add(phrase);
            if (asked.contains(kind)) {
                counted.add(phrase + " (" + count + ")");
                counts.add(count);
            }
        }
        String list = String.join(", ", phrases.subList(0, phrases.size() - 1)) + " and " + phrases.get(phrases.size() - 1);
        String noun = animals ? "animals" : "fruits";
        int total = counts.stream().mapToInt(Integer::intValue).sum();
        String sum = counts.size() == 1 ? "" : "\n" + String.join(" + ", counts.stream().map(String::valueOf).toList())
                + " = " + total + ".";
        String reasoning = "The " + noun + " are: " + String.join(", ", counted) + "." + sum + "\nSo the answer is " + total + ".";
        return new Solved("I have " + list + ". How many " + noun + " do I have?", Integer.toString(total), reasoning);
    }

    /** "Sort the following words alphabetically: List: pear apple goat" */
    private static Solved wordSorting(Random random) {
        List<String> pool = new ArrayList<>(FRUITS);
        for (SmokeWorld.Attribute attribute : List.of(SmokeWorld.Attribute.JOB, SmokeWorld.Attribute.COLOUR,
                SmokeWorld.Attribute.PET)) {
            pool.addAll(attribute.choices());
        }
        Collections.shuffle(pool, random);
        List<String> words = new ArrayList<>(pool.subList(0, 3 + random.nextInt(2)));
        List<String> sorted = new ArrayList<>(words);
        Collections.sort(sorted);
        String target = String.join(" ", sorted);
        String reasoning = "The words are: " + String.join(", ", words) + ".\nIn alphabetical order: "
                + String.join(", ", sorted) + ".\nSo the answer is " + target + ".";
        return new Solved("Sort the following words alphabetically: List: " + String.join(" ", words), target, reasoning);
    }

    /** "Question: Ada lies. Ben says Ada tells the truth. Does Ben tell the truth?" */
    private static Solved webOfLies(Random random, SmokeWorld world) {
        List<String> names = new ArrayList<>(world.people().stream().map(SmokeWorld.Person::name).toList());
        Collections.shuffle(names, random);
        int people = 3 + random.nextInt(2);
        boolean truthful = random.nextBoolean();
        List<String> sentences = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        String first = names.get(0) + (truthful ? " tells the truth." : " lies.");
        sentences.add(first);
        steps.add(first);
        for (int i = 1; i < people; i++) {
            boolean claimsTruth = random.nextBoolean();
            String claim = names.get(i) + " says " + names.get(i - 1) + (claimsTruth ? " tells the truth" : " lies");
            sentences.add(claim + ".");
            // A true claim about the previous person makes this one truthful.
            truthful = claimsTruth == truthful;
            steps.add(claim + ", so " + names.get(i) + (truthful ? " tells the truth." : " lies."));
        }
        String last = names.get(people - 1);
        String target = truthful ? "Yes" : "No";
        steps.add("So the answer is " + target + ".");
        return new Solved("Question: " + String.join(" ", sentences) + " Does " + last + " tell the truth?", target,
                String.join("\n", steps));
    }

    private static String name(boolean value) {
        return value ? "True" : "False";
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private static String plural(String noun) {
        return noun.endsWith("ch") ? noun + "es" : noun + "s";
    }
}
