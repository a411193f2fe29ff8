package org.peftrepro.datasets;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one thing every smoke sentence talks about: someone did something to something, perhaps
 * somewhere, perhaps at some time. As a statement:
 * {@code [time] det [adj] person [never] verb det [adj] thing [prep det place] [time]};
 * it can also be asked about ({@link QuestionKind}). Immutable: changes return a new event.
 */
final class SmokeEvent {

    /** The words of an event; the place phrase is one slot (its preposition and determiner go with it). */
    enum Slot {
        SUBJECT_ADJECTIVE, SUBJECT, VERB, OBJECT_ADJECTIVE, OBJECT, PLACE, TIME
    }

    /** Slots an event may leave empty. */
    static final List<Slot> MODIFIERS = List.of(Slot.SUBJECT_ADJECTIVE, Slot.OBJECT_ADJECTIVE, Slot.PLACE,
            Slot.TIME);

    /** The questions an event can be asked; each hides the slot it asks for. */
    enum QuestionKind {
        WHAT(Slot.OBJECT), WHO(Slot.SUBJECT), WHERE(Slot.PLACE), WHEN(Slot.TIME);

        final Slot asks;

        QuestionKind(Slot asks) {
            this.asks = asks;
        }

        /** Slots whose words appear in the question (the object's adjective goes with the object). */
        List<Slot> visibleSlots() {
            List<Slot> visible = new ArrayList<>(List.of(Slot.values()));
            visible.remove(asks);
            if (asks == Slot.OBJECT) {
                visible.remove(Slot.OBJECT_ADJECTIVE);
            } else if (asks == Slot.SUBJECT) {
                visible.remove(Slot.SUBJECT_ADJECTIVE);
            }
            return visible;
        }
    }

    private final Map<Slot, String> words;
    private final String subjectDeterminer;
    private final String objectDeterminer;
    private final String preposition;
    private final String placeDeterminer;
    private final boolean negated;
    private final boolean timeFirst;

    SmokeEvent(Map<Slot, String> words, String subjectDeterminer, String objectDeterminer, String preposition,
            String placeDeterminer, boolean negated, boolean timeFirst) {
        this.words = new EnumMap<>(Slot.class);
        this.words.putAll(words);
        this.subjectDeterminer = subjectDeterminer;
        this.objectDeterminer = objectDeterminer;
        this.preposition = preposition;
        this.placeDeterminer = placeDeterminer;
        this.negated = negated;
        this.timeFirst = timeFirst;
        for (Slot required : List.of(Slot.SUBJECT, Slot.VERB, Slot.OBJECT)) {
            if (!this.words.containsKey(required)) {
                throw new IllegalArgumentException("an event needs a " + required);
            }
        }
    }

    String get(Slot slot) {
        return words.get(slot);
    }

    boolean has(Slot slot) {
        return words.containsKey(slot);
    }

    /** Content slots that hold a word, in slot order. */
    List<Slot> filledSlots() {
        return words.keySet().stream().toList();
    }

    SmokeEvent with(Slot slot, String word) {
        Map<Slot, String> changed = new EnumMap<>(words);
        changed.put(slot, word);
        return new SmokeEvent(changed, subjectDeterminer, objectDeterminer, preposition, placeDeterminer, negated,
                timeFirst);
    }

    SmokeEvent without(Slot slot) {
        if (!MODIFIERS.contains(slot)) {
            throw new IllegalArgumentException(slot + " cannot be left out of an event");
        }
        Map<Slot, String> changed = new EnumMap<>(words);
        changed.remove(slot);
        return new SmokeEvent(changed, subjectDeterminer, objectDeterminer, preposition, placeDeterminer, negated,
                timeFirst);
    }

    /** The same event said not to have happened ("the cat never saw the ball"). */
    SmokeEvent negated() {
        return new SmokeEvent(words, subjectDeterminer, objectDeterminer, preposition, placeDeterminer, true,
                timeFirst);
    }

    /** The same statement with its time word at the other end of the sentence. */
    SmokeEvent timeMoved() {
        return new SmokeEvent(words, subjectDeterminer, objectDeterminer, preposition, placeDeterminer, negated,
                !timeFirst);
    }

    /** The event as a statement. */
    List<String> statement() {
        List<String> out = new ArrayList<>();
        if (timeFirst) {
            addIfPresent(out, Slot.TIME);
        }
        addSubject(out);
        if (negated) {
            out.add(SmokeLexicon.NEVER);
        }
        out.add(get(Slot.VERB));
        addObject(out);
        addPlace(out);
        if (!timeFirst) {
            addIfPresent(out, Slot.TIME);
        }
        return out;
    }

    /** The event asked about: "what did the cat see in the park ?", "who saw the ball ?", ... */
    List<String> question(QuestionKind kind) {
        if (negated) {
            throw new IllegalStateException("questions are asked about events that happened");
        }
        List<String> out = new ArrayList<>();
        String base = SmokeLexicon.baseForm(get(Slot.VERB));
        switch (kind) {
            case WHAT -> {
                out.addAll(List.of(SmokeLexicon.WHAT, SmokeLexicon.DID));
                addSubject(out);
                out.add(base);
                addPlace(out);
                addIfPresent(out, Slot.TIME);
            }
            case WHO -> {
                out.addAll(List.of(SmokeLexicon.WHO, get(Slot.VERB)));
                addObject(out);
                addPlace(out);
                addIfPresent(out, Slot.TIME);
            }
            case WHERE, WHEN -> {
                out.addAll(List.of(kind == QuestionKind.WHERE ? SmokeLexicon.WHERE : SmokeLexicon.WHEN,
                        SmokeLexicon.DID));
                addSubject(out);
                out.add(base);
                addObject(out);
                if (kind == QuestionKind.WHEN) {
                    addPlace(out);
                } else {
                    addIfPresent(out, Slot.TIME);
                }
            }
        }
        out.add(SmokeLexicon.QUESTION_MARK);
        return out;
    }

    private void addSubject(List<String> out) {
        out.add(subjectDeterminer);
        addIfPresent(out, Slot.SUBJECT_ADJECTIVE);
        out.add(get(Slot.SUBJECT));
    }

    private void addObject(List<String> out) {
        out.add(objectDeterminer);
        addIfPresent(out, Slot.OBJECT_ADJECTIVE);
        out.add(get(Slot.OBJECT));
    }

    private void addPlace(List<String> out) {
        if (has(Slot.PLACE)) {
            out.addAll(List.of(preposition, placeDeterminer, get(Slot.PLACE)));
        }
    }

    private void addIfPresent(List<String> out, Slot slot) {
        if (has(slot)) {
            out.add(get(slot));
        }
    }
}
