package org.peftrepro.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The made-up vocabulary of the smoke tasks, by word class. Every word belongs to exactly one class,
 * so that the grammar that labels CoLA can tell a sentence's structure from its words alone.
 */
final class SmokeLexicon {

    /** Word classes of the event sentences (the grammar's terminals). */
    enum WordClass {
        DETERMINER('D'), ADJECTIVE('A'), PERSON('P'), THING('T'), PLACE('L'), PREPOSITION('R'), VERB('V'),
        NEVER('N'), TIME('M'), OTHER('x');

        /** One letter per class: a sentence's classes spell a string the grammar matches. */
        final char code;

        WordClass(char code) {
            this.code = code;
        }
    }

    static final List<String> SPECIAL_TOKENS = List.of("<s>", "<pad>", "</s>", "<unk>", "<mask>");

    static final List<String> DETERMINERS = List.of("the", "this", "that", "every", "one", "my", "your", "his",
            "her", "our");
    static final List<String> ADJECTIVES = List.of("red", "big", "large", "small", "little", "old", "new", "green",
            "tall", "round", "circular", "heavy", "young", "quiet", "silent", "blue");
    static final List<String> PEOPLE = List.of("cat", "dog", "bird", "farmer", "teacher", "tutor", "doctor",
            "medic", "child", "kid", "baker", "sailor", "mariner", "pilot", "singer", "student", "king", "queen",
            "horse", "painter", "driver", "nurse", "boy", "lad", "girl");
    static final List<String> THINGS = List.of("book", "ball", "cake", "car", "house", "song", "letter", "boat",
            "tree", "chair", "table", "cup", "mug", "lamp", "door", "hat", "cap", "coat", "jacket", "box", "crate",
            "bag", "sack", "picture", "photo");
    static final List<String> PLACES = List.of("park", "city", "town", "market", "school", "forest", "woods",
            "village", "beach", "shore", "station", "kitchen", "river", "stream");
    static final List<String> PREPOSITIONS = List.of("in", "near", "behind", "beside");
    static final List<String> TIMES = List.of("today", "yesterday", "early", "late", "again", "twice");
    static final String NEVER = "never";

    /** Verbs as past tense and base form ("saw", "see"): statements use the first, questions the second. */
    static final List<List<String>> VERBS = List.of(
            List.of("saw", "see"), List.of("noticed", "notice"), List.of("liked", "like"),
            List.of("enjoyed", "enjoy"), List.of("found", "find"), List.of("discovered", "discover"),
            List.of("took", "take"), List.of("grabbed", "grab"), List.of("made", "make"),
            List.of("created", "create"), List.of("moved", "move"), List.of("held", "hold"),
            List.of("bought", "buy"), List.of("purchased", "purchase"), List.of("painted", "paint"),
            List.of("cleaned", "clean"), List.of("scrubbed", "scrub"), List.of("opened", "open"),
            List.of("watched", "watch"), List.of("observed", "observe"), List.of("carried", "carry"),
            List.of("washed", "wash"), List.of("sold", "sell"), List.of("built", "build"),
            List.of("kept", "keep"), List.of("dropped", "drop"));

    static final List<String> PAST_TENSES = VERBS.stream().map(verb -> verb.get(0)).toList();

    /** Pairs of same-class words that mean the same here; verbs are paired by their past tense. */
    static final List<List<String>> SYNONYMS = List.of(
            List.of("big", "large"), List.of("small", "little"), List.of("round", "circular"),
            List.of("quiet", "silent"), List.of("tutor", "teacher"), List.of("doctor", "medic"),
            List.of("child", "kid"), List.of("sailor", "mariner"), List.of("boy", "lad"), List.of("cup", "mug"),
            List.of("hat", "cap"), List.of("coat", "jacket"), List.of("box", "crate"), List.of("bag", "sack"),
            List.of("picture", "photo"), List.of("city", "town"), List.of("forest", "woods"),
            List.of("beach", "shore"), List.of("river", "stream"), List.of("saw", "noticed"),
            List.of("liked", "enjoyed"), List.of("found", "discovered"), List.of("took", "grabbed"),
            List.of("made", "created"), List.of("bought", "purchased"), List.of("cleaned", "scrubbed"),
            List.of("watched", "observed"));

    // SST-2 reviews
    static final List<String> TOPICS = List.of("movie", "film", "story", "plot", "acting", "music", "ending",
            "script", "show", "cast");
    static final List<String> POSITIVE_ADJECTIVES = List.of("good", "great", "wonderful", "lovely", "excellent",
            "brilliant", "charming", "superb", "enjoyable", "delightful");
    static final List<String> NEGATIVE_ADJECTIVES = List.of("bad", "awful", "terrible", "boring", "dull", "poor",
            "horrible", "dreadful", "weak", "annoying");
    static final List<String> POSITIVE_VERBS = List.of("loved", "adored", "admired", "praised");
    static final List<String> NEGATIVE_VERBS = List.of("hated", "disliked", "despised", "mocked");
    static final List<String> COPULAS = List.of("was", "is", "seemed", "felt");
    static final List<String> INTENSIFIERS = List.of("very", "really", "quite", "truly");
    static final List<String> REVIEWERS = List.of("i", "we", "they");
    static final List<List<String>> REVIEW_ENDINGS = List.of(List.of("overall"), List.of("honestly"),
            List.of("to", "me"));
    static final String NOT = "not";

    // QQP and QNLI questions
    static final String WHAT = "what";
    static final String WHO = "who";
    static final String WHERE = "where";
    static final String WHEN = "when";
    static final String DID = "did";
    static final String QUESTION_MARK = "?";

    private static final Map<String, String> SYNONYM_OF = new HashMap<>();
    private static final Map<String, String> BASE_FORM = new HashMap<>();
    private static final Map<String, WordClass> CLASS_OF = new HashMap<>();
    private static final List<String> VOCABULARY;

    static {
        for (List<String> pair : SYNONYMS) {
            SYNONYM_OF.put(pair.get(0), pair.get(1));
            SYNONYM_OF.put(pair.get(1), pair.get(0));
        }
        for (List<String> verb : VERBS) {
            BASE_FORM.put(verb.get(0), verb.get(1));
        }
        // Questions show verbs in their base form: synonyms in the past tense are synonyms there too.
        for (List<String> pair : SYNONYMS) {
            String first = BASE_FORM.get(pair.get(0));
            String second = BASE_FORM.get(pair.get(1));
            if (first != null && second != null) {
                SYNONYM_OF.put(first, second);
                SYNONYM_OF.put(second, first);
            }
        }
        Map<String, WordClass> classes = new LinkedHashMap<>();
        classify(classes, DETERMINERS, WordClass.DETERMINER);
        classify(classes, ADJECTIVES, WordClass.ADJECTIVE);
        classify(classes, PEOPLE, WordClass.PERSON);
        classify(classes, THINGS, WordClass.THING);
        classify(classes, PLACES, WordClass.PLACE);
        classify(classes, PREPOSITIONS, WordClass.PREPOSITION);
        classify(classes, PAST_TENSES, WordClass.VERB);
        classify(classes, List.of(NEVER), WordClass.NEVER);
        classify(classes, TIMES, WordClass.TIME);
        classify(classes, VERBS.stream().map(verb -> verb.get(1)).toList(), WordClass.OTHER);
        classify(classes, TOPICS, WordClass.OTHER);
        classify(classes, POSITIVE_ADJECTIVES, WordClass.OTHER);
        classify(classes, NEGATIVE_ADJECTIVES, WordClass.OTHER);
        classify(classes, POSITIVE_VERBS, WordClass.OTHER);
        classify(classes, NEGATIVE_VERBS, WordClass.OTHER);
        classify(classes, COPULAS, WordClass.OTHER);
        classify(classes, INTENSIFIERS, WordClass.OTHER);
        classify(classes, REVIEWERS, WordClass.OTHER);
        classify(classes, REVIEW_ENDINGS.stream().flatMap(List::stream).toList(), WordClass.OTHER);
        classify(classes, List.of(NOT, WHAT, WHO, WHERE, WHEN, DID, QUESTION_MARK), WordClass.OTHER);
        CLASS_OF.putAll(classes);
        List<String> vocabulary = new ArrayList<>(SPECIAL_TOKENS);
        vocabulary.addAll(classes.keySet());
        VOCABULARY = Collections.unmodifiableList(vocabulary);
    }

    private SmokeLexicon() {
    }

    private static void classify(Map<String, WordClass> classes, List<String> words, WordClass wordClass) {
        for (String word : words) {
            if (classes.put(word, wordClass) != null) {
                throw new IllegalStateException("'" + word + "' is listed in two word classes");
            }
        }
    }

    /** Special tokens first (ids 0..4), then every word, in a fixed order: a word's id is its position. */
    static List<String> vocabulary() {
        return VOCABULARY;
    }

    static WordClass classOf(String word) {
        WordClass wordClass = CLASS_OF.get(word);
        if (wordClass == null) {
            throw new IllegalArgumentException("'" + word + "' is not in the smoke vocabulary");
        }
        return wordClass;
    }

    /** The word's synonym (for a verb, in the same form), or {@code null} when it has none. */
    static String synonymOf(String word) {
        return SYNONYM_OF.get(word);
    }

    /** The base form of a past-tense verb ("saw" to "see"). */
    static String baseForm(String pastTense) {
        return BASE_FORM.get(pastTense);
    }
}
