package org.peftrepro.datasets.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.peftrepro.datasets.Seeds;

/**
 * The made-up world of the smoke benchmarks, drawn from a seed: twenty people, each with a home town, a job, a
 * favourite colour and a pet. The smoke MMLU asks about these facts, the smoke DROP tells match reports about these
 * people, and an instruction generator (Table II at smoke scale) states the same facts and works the same kinds of
 * problems with draws of its own, so that a tiny model that learns them scores above chance, and better the better
 * it learns. Everything here follows from the seed alone.
 */
public final class SmokeWorld {
    public static final List<String> NAMES = List.of("Ada", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gus", "Hana", "Ivo",
            "Jill", "Kai", "Lena", "Milo", "Nora", "Omar", "Pia", "Rosa", "Sam", "Tess", "Vik");

    /** What the world knows of a person; each kind of fact is one smoke MMLU subject. */
    public enum Attribute {
        TOWN("town_geography", List.of("Ashford", "Brookvale", "Cedarton", "Dunmore", "Elmstead", "Fairhaven")),
        JOB("occupations", List.of("baker", "doctor", "farmer", "pilot", "teacher", "painter")),
        COLOUR("favourite_colours", List.of("red", "blue", "green", "yellow", "purple", "orange")),
        PET("pets", List.of("cat", "dog", "parrot", "rabbit", "turtle", "goat"));

        private final String subject;
        private final List<String> choices;

        Attribute(String subject, List<String> choices) {
            this.subject = subject;
            this.choices = choices;
        }

        /** The MMLU-style subject name of questions about this attribute. */
        public String subject() {
            return subject;
        }

        public List<String> choices() {
            return choices;
        }

        /** The question asking for a person's value: "Where does Ada live?". */
        public String question(String name) {
            return switch (this) {
                case TOWN -> "Where does " + name + " live?";
                case JOB -> "What does " + name + " do for a living?";
                case COLOUR -> "What is " + name + "'s favourite colour?";
                case PET -> "Which pet does " + name + " have?";
            };
        }

        /** The fact as a sentence: "Ada lives in Ashford.". */
        public String statement(String name, String value) {
            return switch (this) {
                case TOWN -> name + " lives in " + value + ".";
                case JOB -> name + " works as a " + value + ".";
                case COLOUR -> name + "'s favourite colour is " + value + ".";
                case PET -> name + " has a " + value + ".";
            };
        }
    }

    /** One person and what is true of them. */
    public record Person(String name, Map<Attribute, String> facts) {
        public Person {
            facts = Collections.unmodifiableMap(new EnumMap<>(facts));
        }

        public String get(Attribute attribute) {
            return facts.get(attribute);
        }
    }

    private final long seed;
    private final List<Person> people;

    private SmokeWorld(long seed, List<Person> people) {
        this.seed = seed;
        this.people = List.copyOf(people);
    }

    /** The world of a seed: every person's facts drawn uniformly, each attribute from its own stream. */
    public static SmokeWorld create(long seed) {
        Map<Attribute, Random> streams = new EnumMap<>(Attribute.class);
        for (Attribute attribute : Attribute.values()) {
            streams.put(attribute, new Random(Seeds.mix(seed, 1000L + attribute.ordinal())));
        }
        List<Person> people = new ArrayList<>();
        for (String name : NAMES) {
            Map<Attribute, String> facts = new EnumMap<>(Attribute.class);
            for (Attribute attribute : Attribute.values()) {
                facts.put(attribute, pick(streams.get(attribute), attribute.choices()));
            }
            people.add(new Person(name, facts));
        }
        return new SmokeWorld(seed, people);
    }

    public long seed() {
        return seed;
    }

    public List<Person> people() {
        return people;
    }

    /** Every fact of the world as a sentence, person by person. */
    public List<String> facts() {
        List<String> sentences = new ArrayList<>();
        for (Person person : people) {
            for (Attribute attribute : Attribute.values()) {
                sentences.add(attribute.statement(person.name(), person.get(attribute)));
            }
        }
        return sentences;
    }

    /** A random stream of this world for one purpose: the same seed and stream give the same draws. */
    public Random stream(long purpose) {
        return new Random(Seeds.mix(seed, purpose));
    }

    /** A four-way question about one fact: the truth and three other values of the attribute, in random order. */
    public MmluQuestion factQuestion(Person person, Attribute attribute, Random random) {
        String truth = person.get(attribute);
        List<String> others = new ArrayList<>(attribute.choices());
        others.remove(truth);
        Collections.shuffle(others, random);
        return multipleChoice(attribute.subject(), attribute.question(person.name()), truth, others.subList(0, 3), random);
    }

    /** {@code elementary_arithmetic}: "What is 7 + 5?" with the sum and three near misses. */
    public static MmluQuestion arithmeticQuestion(Random random) {
        int a = 1 + random.nextInt(12);
        int b = 1 + random.nextInt(12);
        boolean plus = random.nextBoolean() || a <= b;
        int truth = plus ? a + b : a - b;
        List<String> others = new ArrayList<>();
        for (int delta : new int[] {-2, -1, 1, 2, 3}) {
            if (truth + delta >= 0) {
                others.add(Integer.toString(truth + delta));
            }
        }
        Collections.shuffle(others, random);
        String question = "What is " + a + (plus ? " + " : " - ") + b + "?";
        return multipleChoice("elementary_arithmetic", question, Integer.toString(truth), others.subList(0, 3), random);
    }

    private static MmluQuestion multipleChoice(String subject, String question, String truth, List<String> wrong,
            Random random) {
        int answer = random.nextInt(4);
        List<String> choices = new ArrayList<>(wrong);
        choices.add(answer, truth);
        return new MmluQuestion(subject, question, choices, answer);
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** "two" for 2: numbers as the smoke texts spell them, one to ten. */
    static String spelled(int n) {
        List<String> words = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten");
        if (n < 0 || n >= words.size()) {
            throw new IllegalArgumentException("no word for " + n);
        }
        return words.get(n);
    }

    static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
