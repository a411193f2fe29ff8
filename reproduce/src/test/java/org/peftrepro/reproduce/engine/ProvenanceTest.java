package org.peftrepro.reproduce.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit recorded with each run, read from git's files as git lays them out. */
class ProvenanceTest {
    private static final String COMMIT = "41931f0c1fa54f49724e3c15ed873abe83672acd";
    private static final String OTHER = "bf84aec0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6";

    @TempDir
    Path repo;

    private Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void branchWithALooseRefFromASubfolder() throws Exception {
        write(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(repo.resolve(".git/refs/heads/main"), COMMIT + "\n");
        Files.createDirectories(repo.resolve("tests/src"));

        assertThat(Provenance.gitCommit(repo.resolve("tests/src"))).isEqualTo(COMMIT);
    }

    @Test
    void branchInPackedRefs() throws Exception {
        write(repo.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(repo.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted\n"
                + OTHER + " refs/heads/other\n" + COMMIT + " refs/heads/main\n");

        assertThat(Provenance.gitCommit(repo)).isEqualTo(COMMIT);
    }

    @Test
    void detachedHead() throws Exception {
        write(repo.resolve(".git/HEAD"), COMMIT + "\n");

        assertThat(Provenance.gitCommit(repo)).isEqualTo(COMMIT);
    }

    @Test
    void linkedWorktreeReadsItsOwnHeadAndTheSharedBranches() throws Exception {
        write(repo.resolve("main/.git/HEAD"), "ref: refs/heads/main\n");
        write(repo.resolve("main/.git/refs/heads/main"), OTHER + "\n");
        write(repo.resolve("main/.git/refs/heads/feature"), COMMIT + "\n");
        write(repo.resolve("main/.git/worktrees/feature/HEAD"), "ref: refs/heads/feature\n");
        write(repo.resolve("main/.git/worktrees/feature/commondir"), "../..\n");
        write(repo.resolve("feature/.git"), "gitdir: " + repo.resolve("main/.git/worktrees/feature") + "\n");

        assertThat(Provenance.gitCommit(repo.resolve("feature"))).isEqualTo(COMMIT);
        assertThat(Provenance.gitCommit(repo.resolve("main"))).isEqualTo(OTHER);
    }

    @Test
    void outsideARepositoryOrOnABrokenPointer() throws Exception {
        assertThat(Provenance.gitCommit(repo)).isIn("unknown", Provenance.gitCommit(repo.getParent()));
        write(repo.resolve(".git"), "not a pointer\n");
        assertThat(Provenance.gitCommit(repo)).isEqualTo("unknown");
    }

    @Test
    void aRecordSaysWhetherTheWorkingTreeHadUncommittedChanges() throws Exception {
        git("init", "-q");
        write(repo.resolve("Code.java"), "class Code {}\n");
        git("add", "Code.java");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "first");
        Files.createDirectories(repo.resolve("sub"));

        assertThat(Provenance.workingTreeModified(repo.resolve("sub"))).isFalse();
        write(repo.resolve("Untracked.java"), "class Untracked {}\n"); // not part of the suite's code
        assertThat(Provenance.workingTreeModified(repo)).isFalse();
        write(repo.resolve("Code.java"), "class Code { int changed; }\n");
        assertThat(Provenance.workingTreeModified(repo.resolve("sub"))).isTrue();
    }

    @Test
    void outsideACheckoutTheStateIsNotKnown() {
        assertThat(Provenance.workingTreeModified(repo)).isNull();
    }

    private void git(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
    }
}
