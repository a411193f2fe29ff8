package org.peftrepro.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.peftrepro.datasets.SmokeEvent.QuestionKind;
import org.peftrepro.datasets.SmokeEvent.Slot;

/**
 * Makes the labelled examples of the smoke tasks. Each label follows from the tokens by a rule that
 * mirrors the real task (see {@link SmokeTasks#readme}), and every split is balanced: the labels
 * (for STS-B, six similarity levels) are dealt in turn, then shuffled.
 */
final class SmokeTaskGenerator {

    /** STS-B pairs are made at similarity levels 0, 1, ..., 5. */
    private static final int SIMILARITY_LEVELS = 6;

    private static final List<Slot> ALL_SLOTS = List.of(Slot.values());

    private final Random random;
    private final SmokeSentences draw;

    SmokeTaskGenerator(Random random) {
        this.random = random;
        this.draw = new SmokeSentences(random);
    }

    List<Example> generate(GlueTask task, int count) {
        int kinds = task.isRegression() ? SIMILARITY_LEVELS : task.numLabels();
        List<Integer> targets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            targets.add(i % kinds);
        }
        Collections.shuffle(targets, random);
        List<Example> examples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            examples.add(example(task, i, targets.get(i)));
        }
        return examples;
    }

    private Example example(GlueTask task, int index, int target) {
        return switch (task) {
            case COLA -> Example.classified(index, text(acceptability(target)), null, target);
            case SST2 -> Example.classified(index, text(review(target)), null, target);
            case MRPC -> paraphrase(index, target);
            case STSB -> similarity(index, target);
            case QQP -> duplicateQuestion(index, target);
            case MNLI -> inference(index, target, target);
            case QNLI -> answerable(index, target);
            // RTE folds neutral and contradiction into not_entailment (label 1).
            case RTE -> inference(index, target, target == 0 ? 0 : 1 + random.nextInt(2));
        };
    }

    /** CoLA: a statement of the grammar (1), or one scrambled until the grammar rejects it (0). */
    private List<String> acceptability(int label) {
        SmokeEvent event = draw.event(0, 3);
        List<String> words = (draw.chance(0.2) ? event.negated() : event).statement();
        return label == 1 ? words : draw.ungrammatical(words);
    }

    /** SST-2: one polar word decides, and a "not"/"never" before it flips it. */
    private List<String> review(int label) {
        boolean negated = draw.chance(1.0 / 3);
        boolean positiveWord = (label == 1) != negated;
        List<String> words = new ArrayList<>();
        if (draw.chance(0.5)) {
            words.add(draw.pick(SmokeLexicon.DETERMINERS));
            words.add(draw.pick(SmokeLexicon.TOPICS));
            words.add(draw.pick(SmokeLexicon.COPULAS));
            if (negated) {
                words.add(SmokeLexicon.NOT);
            }
            if (draw.chance(0.5)) {
                words.add(draw.pick(SmokeLexicon.INTENSIFIERS));
            }
            words.add(draw.pick(positiveWord ? SmokeLexicon.POSITIVE_ADJECTIVES : SmokeLexicon.NEGATIVE_ADJECTIVES));
        } else {
            words.add(draw.pick(SmokeLexicon.REVIEWERS));
            if (negated) {
                words.add(SmokeLexicon.NEVER);
            }
            words.add(draw.pick(positiveWord ? SmokeLexicon.POSITIVE_VERBS : SmokeLexicon.NEGATIVE_VERBS));
            words.add(draw.pick(SmokeLexicon.DETERMINERS));
            words.add(draw.pick(SmokeLexicon.TOPICS));
        }
        if (draw.chance(0.3)) {
            words.addAll(draw.pick(SmokeLexicon.REVIEW_ENDINGS));
        }
        return words;
    }

    /** MRPC: the same statement with one or two synonyms (1), or a statement about something else (0). */
    private Example paraphrase(int index, int label) {
        SmokeEvent event = draw.eventWithSynonym(1, 3, ALL_SLOTS);
        SmokeEvent second;
        if (label == 1) {
            second = draw.paraphrase(event, ALL_SLOTS, 2);
            if (second.has(Slot.TIME) && draw.chance(0.5)) {
                second = second.timeMoved();
            }
        } else {
            second = draw.unrelatedTo(event, 1, 3);
        }
        return Example.classified(index, text(event.statement()), text(second.statement()), label);
    }

    /**
     * STS-B: the second statement keeps a share of the first one's content words and replaces the
     * rest; the score is 5 times the share kept.
     */
    private Example similarity(int index, int level) {
        SmokeEvent event = draw.event(0, 3);
        int content = event.filledSlots().size();
        int replaced = (int) Math.round(content * (SIMILARITY_LEVELS - 1 - level) / (double) (SIMILARITY_LEVELS - 1));
        SmokeEvent second = draw.replaced(event, ALL_SLOTS, replaced);
        float score = GlueTask.MAX_SCORE * (content - replaced) / content;
        return Example.scored(index, text(event.statement()), text(second.statement()), score);
    }

    /**
     * QQP: the same question with one word swapped for its synonym (1), or with two of its content
     * words replaced, which asks about something else (0).
     */
    private Example duplicateQuestion(int index, int label) {
        QuestionKind kind = draw.pick(List.of(QuestionKind.values()));
        List<Slot> visible = kind.visibleSlots();
        SmokeEvent event = draw.eventWithSynonym(1, 3, visible);
        SmokeEvent second = label == 1 ? draw.paraphrase(event, visible, 1) : draw.replaced(event, visible, 2);
        return Example.classified(index, text(event.question(kind)), text(second.question(kind)), label);
    }

    /**
     * MNLI and RTE: the hypothesis says part of what the premise says (entailment), that plus
     * something the premise does not say (neutral), or that part with "never" (contradiction).
     *
     * @param relation 0 entailment, 1 neutral, 2 contradiction
     */
    private Example inference(int index, int label, int relation) {
        SmokeEvent premise = draw.event(1, 3);
        SmokeEvent hypothesis = draw.subset(premise);
        if (relation == 1) {
            hypothesis = draw.withNewInformation(hypothesis, premise);
        } else if (relation == 2) {
            hypothesis = hypothesis.negated();
        }
        return Example.classified(index, text(premise.statement()), text(hypothesis.statement()), label);
    }

    /**
     * QNLI: the sentence states the asked-about event with the answer (entailment), or leaves the
     * answer out, or is about another event (not_entailment).
     */
    private Example answerable(int index, int label) {
        QuestionKind kind = draw.pick(List.of(QuestionKind.values()));
        SmokeEvent event = draw.filled(draw.event(0, 3), kind.asks);
        SmokeEvent sentence;
        if (label == 0) {
            sentence = event;
        } else if (SmokeEvent.MODIFIERS.contains(kind.asks) && draw.chance(0.5)) {
            sentence = event.without(kind.asks);
        } else {
            List<Slot> identifying = new ArrayList<>(List.of(Slot.SUBJECT, Slot.VERB, Slot.OBJECT));
            identifying.remove(kind.asks);
            sentence = draw.replaced(event, identifying, 1);
        }
        return Example.classified(index, text(event.question(kind)), text(sentence.statement()), label);
    }

    private static String text(List<String> words) {
        return String.join(" ", words);
    }
}
