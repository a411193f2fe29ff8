package org.peftrepro.evaluation.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Programs that attack the machine they run on, each as a HumanEval completion would reach the sandbox: every one
 * must be scored as failed (or timed out), leave nothing behind, and leave the sandbox working. The test JVM runs
 * with HF_TOKEN set (see this module's pom), as a researcher's shell would.
 */
class HostileProgramsTest {
    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static CodeSandbox sandbox;
    private static Path outside;

    @BeforeAll
    static void start() throws IOException {
        sandbox = CodeSandbox.create(SandboxLimits.DEFAULT.withTime(LIMIT), null);
        // A folder anyone may write to on the host, outside /tmp: the program must still not reach it.
        outside = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "outside-");
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        if (outside == null) {
            return;
        }
        try (var files = Files.list(outside)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(outside);
    }

    @Test
    void anHonestProgramPassesAndAFailedAssertionFailsWithItsMessage() throws IOException {
        assertThat(sandbox.run("def add(a, b):\n    return a + b\n\nassert add(2, 3) == 5\n").outcome())
                .isEqualTo(ExecutionResult.Outcome.PASSED);
        ExecutionResult wrong = sandbox.run("assert 1 + 1 == 3, 'arithmetic'\n");
        assertThat(wrong.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        assertThat(wrong.detail()).contains("AssertionError: arithmetic");
    }

    @Test
    void anInfiniteLoopIsKilledAtTheLimit() throws IOException {
        long start = System.nanoTime();
        ExecutionResult result = sandbox.run("while True:\n    pass\n");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.TIMED_OUT);
        assertThat(seconds).isLessThan(LIMIT.toSeconds() + 10);
        assertNothingLeftRunning();
    }

    @Test
    void aForkBombCannotFork() throws IOException {
        ExecutionResult plain = sandbox.run("import os\nwhile True:\n    os.fork()\n");
        assertThat(plain.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        assertThat(plain.detail()).contains("BlockingIOError");
        // One that shrugs off the failures just loops until its time is up.
        ExecutionResult stubborn = sandbox.run("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n");
        assertThat(stubborn.outcome()).isEqualTo(ExecutionResult.Outcome.TIMED_OUT);
        assertNothingLeftRunning();
    }

    @Test
    void aHugeAllocationFailsWithMemoryError() throws IOException {
        ExecutionResult result = sandbox.run("block = bytearray(8 * 1024 ** 3)\nblock[-1] = 1\n");
        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        assertThat(result.detail()).contains("MemoryError");
    }

    @Test
    void osSystemAndSubprocessCannotStartAnything() throws IOException {
        Path marker = outside.resolve("system.txt");
        ExecutionResult system = sandbox.run("import os\nassert os.system('echo escaped > " + marker + "') == 0\n");
        assertThat(system.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        ExecutionResult subprocess = sandbox.run("import subprocess\nsubprocess.run(['id'], check=True)\n");
        assertThat(subprocess.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        assertThat(marker).doesNotExist();
    }

    @Test
    void writingOutsideItsFolderFails() throws IOException {
        for (String target : List.of(outside.resolve("escape.txt").toString(), "../escape.txt", "/var/tmp/peft-repro-escape.txt",
                "/dev/shm/peft-repro-escape.txt")) {
            ExecutionResult result = sandbox.run("with open('" + target + "', 'w') as f:\n    f.write('escaped')\n");
            assertThat(result.outcome()).as(target).isEqualTo(ExecutionResult.Outcome.FAILED);
        }
        assertThat(outside.resolve("escape.txt")).doesNotExist();
        assertThat(Path.of("/var/tmp/peft-repro-escape.txt")).doesNotExist();
        // Its own folder is writable: a program may use scratch files.
        assertThat(sandbox.run("open('scratch.txt', 'w').write('ok')\nassert open('scratch.txt').read() == 'ok'\n").outcome())
                .isEqualTo(ExecutionResult.Outcome.PASSED);
    }

    @Test
    void theHfTokenOfTheEvaluatingProcessIsOutOfReach() throws IOException {
        String token = System.getenv("HF_TOKEN");
        assertThat(token).as("the test JVM carries a token to steal").isNotBlank();
        String program = """
                import glob, os
                found = os.environ.get('HF_TOKEN') == '%s'
                for path in glob.glob('/proc/*/environ'):
                    try:
                        found |= b'%s' in open(path, 'rb').read()
                    except OSError:
                        pass
                assert found, 'no token'
                """.formatted(token, token);
        ExecutionResult result = sandbox.run(program);
        assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        assertThat(result.detail()).contains("no token");
    }

    @Test
    void theNetworkIsUnreachableEvenOnThisMachine() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            ExecutionResult result = sandbox.run("import socket\nsocket.create_connection(('127.0.0.1', "
                    + server.getLocalPort() + "), timeout=1)\n");
            assertThat(result.outcome()).isEqualTo(ExecutionResult.Outcome.FAILED);
        }
    }

    @Test
    void manyHostileProgramsAtOnceLeaveTheSandboxWorking() throws IOException {
        List<String> programs = List.of("while True:\n    pass\n", "import os\nwhile True:\n    os.fork()\n",
                "x = bytearray(8 * 1024 ** 3)\n", "import os\nos.system('id')\nraise SystemExit(3)\n",
                "assert sum(range(4)) == 6\n");
        List<ExecutionResult> results = sandbox.runAll(programs, 2);
        assertThat(results).extracting(ExecutionResult::outcome).containsExactly(ExecutionResult.Outcome.TIMED_OUT,
                ExecutionResult.Outcome.FAILED, ExecutionResult.Outcome.FAILED, ExecutionResult.Outcome.FAILED,
                ExecutionResult.Outcome.PASSED);
        assertNothingLeftRunning();
        assertThat(sandbox.run("print('still here')\n").outcome()).isEqualTo(ExecutionResult.Outcome.PASSED);
    }

    /** No process of the sandbox's user survives its program (as root the programs run as nobody). */
    private static void assertNothingLeftRunning() {
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map(u -> u.equals("nobody") || u.equals(String.valueOf(CodeSandbox.NOBODY)))
                        .orElse(false))
                .toList();
        assertThat(left).as("processes still running as nobody").isEmpty();
    }
}
