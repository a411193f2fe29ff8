package org.peftrepro.evaluation.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Runs untrusted Python programs (HumanEval completions), each in a sandbox of its own made with bubblewrap
 * ({@code bwrap}) and util-linux's {@code setpriv} and {@code prlimit}:
 * <ul>
 *   <li>new PID, network, IPC and UTS namespaces: the program sees only its own processes, has no network (not even
 *       a loopback that is up), and when its first process dies the kernel kills every process in the namespace;
 *   <li>the whole file system read-only, with an empty folder of its own ({@code /tmp/program}) as working
 *       directory and home, the only place it can write; {@code /tmp}, {@code /root}, {@code /home} and the Hugging Face cache replaced by empty,
 *       unwritable file systems;
 *   <li>a cleared environment (PATH, HOME, LANG only): nothing of the evaluating process's, HF_TOKEN included;
 *   <li>as root: the program runs as user nobody with no capabilities and no way to gain any
 *       ({@code no_new_privs}); limits on address space (memory), file size, open files, CPU time, and one process
 *       (itself: {@code fork}, {@code os.system} and {@code subprocess} fail);
 *   <li>a wall-clock limit (3 s by default): past it the sandbox is killed, with everything the program started.
 * </ul>
 * What it does not guarantee: the kernel is shared (a kernel exploit escapes any namespace); the program may read
 * every file that is world-readable on the machine; CPU and memory bandwidth are not isolated, so a program can slow
 * its neighbours down until its limit; run as a normal user, the program keeps that user's identity inside the
 * namespaces (bubblewrap then needs unprivileged user namespaces).
 */
public final class CodeSandbox implements AutoCloseable {
    /** The user the program runs as when the suite runs as root. */
    static final int NOBODY = 65534;
    private static final List<String> HIDDEN = List.of("/tmp", "/root", "/home");
    /**
     * Where the program's folder appears inside the sandbox: right under the empty {@code /tmp}, whose mode lets user
     * nobody through (bubblewrap would make the folders on the way to a deeper path owner-only).
     */
    static final String PROGRAM_FOLDER = "/tmp/program";
    private static final List<String> HF_FOLDERS = List.of("HF_HOME", "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");

    private final Path bwrap;
    private final Path setpriv;
    private final Path prlimit;
    private final Path python;
    private final SandboxLimits limits;
    private final boolean root;
    private final Path scratch;
    private final List<String> hidden;
    private final AtomicLong runs = new AtomicLong();

    private CodeSandbox(Path bwrap, Path setpriv, Path prlimit, Path python, SandboxLimits limits, boolean root,
            Path scratch, List<String> hidden) {
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.prlimit = prlimit;
        this.python = python;
        this.limits = limits;
        this.root = root;
        this.scratch = scratch;
        this.hidden = hidden;
    }

    /**
     * Finds the tools, makes a scratch folder and checks that a trivial program runs.
     *
     * @param python the interpreter to use, or null for Debian's {@code /usr/bin/python3} (else the first
     *     {@code python3} on the PATH)
     * @throws SandboxUnavailableException naming what is missing or what went wrong
     */
    public static CodeSandbox create(SandboxLimits limits, Path python) throws IOException {
        Path bwrap = tool("bwrap", "bubblewrap");
        Path setpriv = tool("setpriv", "util-linux");
        Path prlimit = tool("prlimit", "util-linux");
        Path interpreter = python != null ? executable(python) : findPython();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path scratch = Files.createTempDirectory("peft-repro-sandbox-");
        CodeSandbox sandbox = new CodeSandbox(bwrap, setpriv, prlimit, interpreter, limits, root, scratch, hiddenFolders());
        ExecutionResult check = sandbox.run("import sys\nsys.exit(0 if 2 + 2 == 4 else 1)\n");
        if (!check.passed()) {
            sandbox.close();
            throw new SandboxUnavailableException("the code sandbox does not work here (" + check.detail() + "); it needs "
                    + "bubblewrap able to make PID and network namespaces" + (root ? "" : " (for a normal user: unprivileged "
                    + "user namespaces)"));
        }
        return sandbox;
    }

    public SandboxLimits limits() {
        return limits;
    }

    public Path python() {
        return python;
    }

    /** Runs one program in a fresh, empty folder that is deleted afterwards. */
    public ExecutionResult run(String program) throws IOException {
        Path folder = scratch.resolve("run-" + runs.incrementAndGet());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        // createDirectory's mode is cut by the umask: set it again, so that user nobody can write in it.
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path errors = scratch.resolve(folder.getFileName() + ".stderr");
        try {
            Path file = Files.writeString(folder.resolve("program.py"), program, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            ProcessBuilder builder = new ProcessBuilder(command(folder))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile());
            builder.environment().clear();
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(limits.time().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(process);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while a sandboxed program ran", e);
            }
            if (!finished) {
                killTree(process);
                return new ExecutionResult(ExecutionResult.Outcome.TIMED_OUT,
                        "timed out after " + limits.time().toMillis() / 1000.0 + " s");
            }
            if (process.exitValue() == 0) {
                return new ExecutionResult(ExecutionResult.Outcome.PASSED, "");
            }
            return new ExecutionResult(ExecutionResult.Outcome.FAILED, tail(errors, process.exitValue()));
        } finally {
            deleteRecursively(folder);
            Files.deleteIfExists(errors);
        }
    }

    /** Runs programs on {@code threads} threads; the results come back in the programs' order. */
    public List<ExecutionResult> runAll(List<String> programs, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<ExecutionResult>> futures = new ArrayList<>();
            for (String program : programs) {
                futures.add(pool.submit(() -> run(program)));
            }
            List<ExecutionResult> results = new ArrayList<>();
            for (Future<ExecutionResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sandboxed programs ran", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    List<String> command(Path folder) {
        String dir = PROGRAM_FOLDER;
        List<String> command = new ArrayList<>(List.of(bwrap.toString(),
                "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--clearenv",
                "--ro-bind", "/", "/"));
        for (String folderToHide : hidden) {
            command.addAll(List.of("--tmpfs", folderToHide));
        }
        command.addAll(List.of("--bind", folder.toString(), dir, "--dev", "/dev", "--proc", "/proc", "--chdir", dir,
                "--setenv", "PATH", "/usr/local/bin:/usr/bin:/bin", "--setenv", "HOME", dir, "--setenv", "TMPDIR", dir,
                "--setenv", "LANG", "C.UTF-8", "--"));
        if (root) {
            command.addAll(List.of(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                    "--inh-caps=-all", "--no-new-privs", "--"));
        }
        long cpuSeconds = (long) Math.ceil(limits.time().toMillis() / 1000.0) + 1;
        command.addAll(List.of(prlimit.toString(), "--as=" + limits.memoryBytes(), "--fsize=" + limits.fileBytes(),
                "--nproc=1", "--nofile=64", "--core=0", "--cpu=" + cpuSeconds, "--"));
        // -I: isolated mode (no user site, no PYTHON* variables, the script's folder not on sys.path first); -B: no .pyc.
        command.addAll(List.of(python.toString(), "-I", "-B", "program.py"));
        return command;
    }

    /**
     * Kills the sandbox and waits until its processes are gone: killing the first process inside the namespace takes
     * every other one down with it, and each is waited for until the kernel has removed it.
     */
    private static void killTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                // Gone already, or stuck in the kernel: nothing more a signal can do.
            }
        }
    }

    /** The last lines of the error output, at most 600 characters. */
    private static String tail(Path errors, int exitValue) throws IOException {
        String text = Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8).strip() : "";
        if (text.isEmpty()) {
            return "exit status " + exitValue;
        }
        List<String> lines = text.lines().toList();
        String last = String.join("\n", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
        return last.length() <= 600 ? last : last.substring(last.length() - 600);
    }

    /** Folders the program must not see: homes, temporary files, and the Hugging Face cache (tokens live there). */
    private static List<String> hiddenFolders() {
        List<String> folders = new ArrayList<>();
        for (String folder : HIDDEN) {
            if (Files.isDirectory(Path.of(folder))) {
                folders.add(folder);
            }
        }
        Map<String, String> environment = System.getenv();
        for (String variable : HF_FOLDERS) {
            String value = environment.get(variable);
            if (value != null && Path.of(value).isAbsolute() && Files.isDirectory(Path.of(value))
                    && folders.stream().noneMatch(value::startsWith) && Path.of(value).getNameCount() > 0) {
                folders.add(Path.of(value).normalize().toString());
            }
        }
        return List.copyOf(folders);
    }

    private static Path tool(String name, String debianPackage) throws SandboxUnavailableException {
        for (String dir : pathFolders()) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new SandboxUnavailableException("running generated code needs " + name + ", which is not installed"
                + " (Debian: apt-get install " + debianPackage + ")");
    }

    /** Debian's python3 first: a python3 under a hidden folder (pyenv in a home) cannot run in the sandbox. */
    private static Path findPython() throws SandboxUnavailableException {
        List<String> folders = new ArrayList<>(List.of("/usr/bin", "/usr/local/bin"));
        folders.addAll(pathFolders());
        for (String dir : folders) {
            Path candidate = Path.of(dir, "python3");
            if (Files.isExecutable(candidate)) {
                Path real;
                try {
                    real = candidate.toRealPath();
                } catch (IOException e) {
                    continue;
                }
                if (HIDDEN.stream().noneMatch(real::startsWith)) {
                    return real;
                }
            }
        }
        throw new SandboxUnavailableException("running generated code needs python3 outside /root, /home and /tmp, and none"
                + " was found (Debian: apt-get install python3; or name one with --python)");
    }

    private static Path executable(Path python) throws SandboxUnavailableException {
        if (!Files.isExecutable(python)) {
            throw new SandboxUnavailableException("--python " + python + ": not an executable file");
        }
        try {
            Path real = python.toRealPath();
            if (HIDDEN.stream().anyMatch(real::startsWith)) {
                throw new SandboxUnavailableException("--python " + python + ": it lives under " + real.getParent()
                        + ", which the sandbox hides; use an interpreter outside /root, /home and /tmp");
            }
            return real;
        } catch (IOException e) {
            throw new SandboxUnavailableException("--python " + python + ": " + e.getMessage());
        }
    }

    private static List<String> pathFolders() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return List.of(path.split(":"));
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up the sandbox folder " + root, e);
        }
    }

    @Override
    public void close() {
        deleteRecursively(scratch);
    }
}
