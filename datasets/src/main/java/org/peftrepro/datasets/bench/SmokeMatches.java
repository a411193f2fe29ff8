package org.peftrepro.datasets.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The smoke DROP: short reports of football matches between two towns' teams, with the world's people scoring, and
 * questions DROP asks (discrete reasoning over the paragraph): counts read off or added up, differences, who scored,
 * which team won, and which players scored (a multi-span answer).
 */
public final class SmokeMatches {
    private static final List<String> TEAMS = List.of("Owls", "Foxes", "Bears", "Hawks", "Wolves", "Otters");

    private SmokeMatches() {}

    /** One match report and its questions; ids are {@code <id>-q<k>}. */
    public static List<DropQuestion> report(SmokeWorld world, Random random, String id) {
        List<String> towns = new ArrayList<>(SmokeWorld.Attribute.TOWN.choices());
        Collections.shuffle(towns, random);
        List<String> teams = new ArrayList<>(TEAMS);
        Collections.shuffle(teams, random);
        List<String> players = new ArrayList<>(world.people().stream().map(SmokeWorld.Person::name).toList());
        Collections.shuffle(players, random);
        String home = teams.get(0);
        String away = teams.get(1);
        String first = players.get(0);
        String second = players.get(1);
        String third = players.get(2);
        int firstGoals = 1 + random.nextInt(3);
        int secondGoals = 1 + random.nextInt(3);
        int thirdGoals = 1 + random.nextInt(3);
        int homeTotal = firstGoals + thirdGoals;
        String passage = "On Saturday the " + towns.get(0) + " " + home + " played the " + towns.get(1) + " " + away
                + ". In the first half, " + first + " scored " + goals(firstGoals) + " for the " + home + " and " + second
                + " scored " + goals(secondGoals) + " for the " + away + ". In the second half, " + third + " scored "
                + goals(thirdGoals) + " for the " + home + ". No one else scored.";
        List<DropQuestion> questions = new ArrayList<>();
        questions.add(number(id, questions.size(), passage, "How many goals did " + first + " score?", firstGoals));
        questions.add(number(id, questions.size(), passage, "How many goals did the " + home + " score in total?", homeTotal));
        questions.add(spans(id, questions.size(), passage, "Who scored for the " + away + "?", List.of(second)));
        questions.add(spans(id, questions.size(), passage, "Which players scored for the " + home + "?", List.of(first, third)));
        if (homeTotal != secondGoals) {
            String winner = homeTotal > secondGoals ? home : away;
            String loser = homeTotal > secondGoals ? away : home;
            questions.add(number(id, questions.size(), passage, "How many more goals did the " + winner + " score than the "
                    + loser + "?", Math.abs(homeTotal - secondGoals)));
            questions.add(spans(id, questions.size(), passage, "Which team won the match?", List.of(winner)));
        }
        return questions;
    }

    private static String goals(int n) {
        return n + (n == 1 ? " goal" : " goals");
    }

    private static DropQuestion number(String id, int index, String passage, String question, int answer) {
        return new DropQuestion(id + "-q" + index, passage, question, List.of(Integer.toString(answer)), List.of("number"));
    }

    private static DropQuestion spans(String id, int index, String passage, String question, List<String> answer) {
        return new DropQuestion(id + "-q" + index, passage, question, answer, Collections.nCopies(answer.size(), "span"));
    }
}
