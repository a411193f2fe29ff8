package org.peftrepro.reproduce.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the submitter reads sbatch's answers. A real Slurm runs the scripts in the tests module
 * ({@code SlurmArrayTest}); here a stand-in {@code sbatch} answers as sbatch does where it cannot be made to.
 */
class SlurmSubmitterTest {
    @TempDir
    Path temp;

    private SlurmScript.Written scripts() throws Exception {
        return new SlurmScript(SlurmOptions.defaults("t1"), temp.resolve("results"), temp, null, List.of("true"),
                List.of("true")).write(2);
    }

    /** A stand-in sbatch: logs its arguments, prints {@code output} and exits with {@code exit}. */
    private Path fakeSbatch(String output, int exit) throws Exception {
        Path program = temp.resolve("sbatch");
        Files.writeString(program, "#!/bin/sh\necho \"$@\" >> " + temp.resolve("calls") + "\nprintf '" + output
                + "'\nexit " + exit + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        return program;
    }

    @Test
    void aMissingSbatchSaysSoAndWhatToDoInstead() throws Exception {
        SlurmScript.Written written = scripts();
        SlurmSubmitter submitter = new SlurmSubmitter(temp.resolve("no-such-sbatch").toString(), Map.of());

        assertThatThrownBy(() -> submitter.submit(written))
                .hasMessageStartingWith("cannot run " + temp.resolve("no-such-sbatch"))
                .hasMessageContaining("Slurm's client commands, or submit " + written.workers() + " by hand");
    }

    @Test
    void theClusterNameAfterTheJobIdAndWarningsBeforeItAreLeftOut() throws Exception {
        Path sbatch = fakeSbatch("sbatch: warning: partition default is busy\\n4711;cluster-a\\n", 0);
        SlurmScript.Written written = scripts();

        SlurmSubmitter.JobIds ids = new SlurmSubmitter(sbatch.toString(), Map.of()).submit(written);

        assertThat(ids).isEqualTo(new SlurmSubmitter.JobIds("4711", "4711", 2));
        assertThat(Files.readAllLines(temp.resolve("calls"))).containsExactly(
                "--parsable " + written.workers(),
                "--parsable --dependency=afterany:4711 " + written.report());
    }

    @Test
    void aRefusalCarriesSbatchsReason() throws Exception {
        Path sbatch = fakeSbatch("sbatch: error: Invalid account or account/partition combination specified\\n", 1);

        assertThatThrownBy(() -> new SlurmSubmitter(sbatch.toString(), Map.of()).submit(scripts()))
                .hasMessageEndingWith("(exit 1): sbatch: error: Invalid account or account/partition combination specified");
    }

    @Test
    void nothingIsSubmittedWhenEveryRunIsRecorded() throws Exception {
        Path sbatch = fakeSbatch("1\\n", 0);
        SlurmScript script = new SlurmScript(SlurmOptions.defaults("t1"), temp.resolve("results"), temp, null,
                List.of("true"), List.of("true"));

        assertThat(new SlurmSubmitter(sbatch.toString(), Map.of()).submitMissing(List.of("a", "b"), id -> true, script))
                .isEmpty();
        assertThat(temp.resolve("calls")).doesNotExist();
        assertThat(new SlurmSubmitter(sbatch.toString(), Map.of())
                .submitMissing(List.of("a", "b", "c"), id -> !id.equals("b"), script)).get()
                .extracting(SlurmSubmitter.JobIds::tasks).isEqualTo(1);
    }
}
