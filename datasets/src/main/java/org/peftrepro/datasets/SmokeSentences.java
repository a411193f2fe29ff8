package org.peftrepro.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.peftrepro.datasets.SmokeEvent.Slot;

/** Draws smoke events and the sentence changes the tasks are made of, from one {@link Random}. */
final class SmokeSentences {

    /**
     * The statements of {@link SmokeEvent}, as the word classes of {@link SmokeLexicon.WordClass}
     * spell them: time word at either end or not at all.
     */
    private static final Pattern GRAMMATICAL = Pattern.compile("M?DA?PN?VDA?T(RDL)?|DA?PN?VDA?T(RDL)?M");

    private final Random random;

    SmokeSentences(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** A new event with between {@code minModifiers} and {@code maxModifiers} optional slots filled. */
    SmokeEvent event(int minModifiers, int maxModifiers) {
        Map<Slot, String> words = new EnumMap<>(Slot.class);
        words.put(Slot.SUBJECT, pick(SmokeLexicon.PEOPLE));
        words.put(Slot.VERB, pick(SmokeLexicon.PAST_TENSES));
        words.put(Slot.OBJECT, pick(SmokeLexicon.THINGS));
        List<Slot> modifiers = new ArrayList<>(SmokeEvent.MODIFIERS);
        Collections.shuffle(modifiers, random);
        for (Slot slot : modifiers.subList(0, between(minModifiers, maxModifiers))) {
            words.put(slot, pick(poolOf(slot)));
        }
        return new SmokeEvent(words, pick(SmokeLexicon.DETERMINERS), pick(SmokeLexicon.DETERMINERS),
                pick(SmokeLexicon.PREPOSITIONS), pick(SmokeLexicon.DETERMINERS), false, chance(0.3));
    }

    /** A new event with at least one of the given slots holding a word that has a synonym. */
    SmokeEvent eventWithSynonym(int minModifiers, int maxModifiers, List<Slot> slots) {
        while (true) {
            SmokeEvent event = event(minModifiers, maxModifiers);
            if (!synonymSlots(event, slots).isEmpty()) {
                return event;
            }
        }
    }

    /** A new event whose subject, verb and object all differ from the given one's (and are not synonyms). */
    SmokeEvent unrelatedTo(SmokeEvent event, int minModifiers, int maxModifiers) {
        while (true) {
            SmokeEvent other = event(minModifiers, maxModifiers);
            if (differs(event, other, Slot.SUBJECT) && differs(event, other, Slot.VERB)
                    && differs(event, other, Slot.OBJECT)) {
                return other;
            }
        }
    }

    /**
     * {@code hypothesis} with a word added in an optional slot that {@code premise} leaves empty:
     * information the premise does not give. The word is one the premise does not use anywhere, so
     * that "says more" shows in the words and not only in their positions. {@code hypothesis} must
     * leave that slot empty too.
     */
    SmokeEvent withNewInformation(SmokeEvent hypothesis, SmokeEvent premise) {
        List<Slot> empty = SmokeEvent.MODIFIERS.stream().filter(slot -> !premise.has(slot)).toList();
        if (empty.isEmpty()) {
            throw new IllegalArgumentException("the premise fills every optional slot");
        }
        Slot slot = pick(empty);
        List<String> said = premise.statement();
        while (true) {
            String word = pick(poolOf(slot));
            if (!said.contains(word)) {
                return hypothesis.with(slot, word);
            }
        }
    }

    /** The event with a word in {@code slot}: its own if it has one, else a new one. */
    SmokeEvent filled(SmokeEvent event, Slot slot) {
        return event.has(slot) ? event : event.with(slot, pick(poolOf(slot)));
    }

    /** The event with each optional slot dropped with probability 1/2: what it says, or less. */
    SmokeEvent subset(SmokeEvent event) {
        SmokeEvent result = event;
        for (Slot slot : SmokeEvent.MODIFIERS) {
            if (result.has(slot) && chance(0.5)) {
                result = result.without(slot);
            }
        }
        return result;
    }

    /**
     * The same event in other words: between 1 and {@code maxReplacements} of the words in
     * {@code slots} replaced by their synonyms, and in a statement the time word sometimes moved.
     */
    SmokeEvent paraphrase(SmokeEvent event, List<Slot> slots, int maxReplacements) {
        List<Slot> candidates = new ArrayList<>(synonymSlots(event, slots));
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no word of " + slots + " has a synonym");
        }
        Collections.shuffle(candidates, random);
        SmokeEvent result = event;
        for (Slot slot : candidates.subList(0, Math.min(candidates.size(), between(1, maxReplacements)))) {
            result = result.with(slot, SmokeLexicon.synonymOf(event.get(slot)));
        }
        return result;
    }

    /** The event with {@code count} of its filled {@code slots} holding other words (neither the same nor a synonym). */
    SmokeEvent replaced(SmokeEvent event, List<Slot> slots, int count) {
        List<Slot> candidates = new ArrayList<>(event.filledSlots().stream().filter(slots::contains).toList());
        if (candidates.size() < count) {
            throw new IllegalArgumentException("cannot replace " + count + " of " + candidates);
        }
        Collections.shuffle(candidates, random);
        SmokeEvent result = event;
        for (Slot slot : candidates.subList(0, count)) {
            result = result.with(slot, otherWord(slot, event.get(slot)));
        }
        return result;
    }

    /** A word of the slot's class that is neither {@code word} nor its synonym. */
    private String otherWord(Slot slot, String word) {
        while (true) {
            String other = pick(poolOf(slot));
            if (!other.equals(word) && !other.equals(SmokeLexicon.synonymOf(word))) {
                return other;
            }
        }
    }

    /** A scrambled version of a grammatical statement that the grammar rejects. */
    List<String> ungrammatical(List<String> words) {
        while (true) {
            List<String> scrambled = new ArrayList<>(words);
            switch (random.nextInt(4)) {
                case 0 -> Collections.swap(scrambled, random.nextInt(scrambled.size() - 1),
                        random.nextInt(scrambled.size()));
                case 1 -> scrambled.add(random.nextInt(scrambled.size()), scrambled.remove(random.nextInt(
                        scrambled.size())));
                case 2 -> scrambled.removeIf(word -> SmokeLexicon.classOf(word) == SmokeLexicon.WordClass.VERB);
                default -> scrambled.remove(firstDeterminer(scrambled));
            }
            if (!isGrammatical(scrambled)) {
                return scrambled;
            }
        }
    }

    /** Whether the words form a statement of the smoke grammar. */
    static boolean isGrammatical(List<String> words) {
        StringBuilder classes = new StringBuilder();
        for (String word : words) {
            classes.append(SmokeLexicon.classOf(word).code);
        }
        return GRAMMATICAL.matcher(classes).matches();
    }

    private static int firstDeterminer(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (SmokeLexicon.classOf(words.get(i)) == SmokeLexicon.WordClass.DETERMINER) {
                return i;
            }
        }
        throw new IllegalArgumentException("no determiner in " + words);
    }

    private static boolean differs(SmokeEvent a, SmokeEvent b, Slot slot) {
        String word = a.get(slot);
        return !word.equals(b.get(slot)) && !b.get(slot).equals(SmokeLexicon.synonymOf(word));
    }

    private static List<Slot> synonymSlots(SmokeEvent event, List<Slot> slots) {
        return event.filledSlots().stream()
                .filter(slots::contains)
                .filter(slot -> SmokeLexicon.synonymOf(event.get(slot)) != null)
                .toList();
    }

    private static List<String> poolOf(Slot slot) {
        return switch (slot) {
            case SUBJECT_ADJECTIVE, OBJECT_ADJECTIVE -> SmokeLexicon.ADJECTIVES;
            case SUBJECT -> SmokeLexicon.PEOPLE;
            case VERB -> SmokeLexicon.PAST_TENSES;
            case OBJECT -> SmokeLexicon.THINGS;
            case PLACE -> SmokeLexicon.PLACES;
            case TIME -> SmokeLexicon.TIMES;
        };
    }
}
