package org.peftrepro.models.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A checkpoint file (safetensors data file or shard index) that does not follow its format, or that
 * lacks something the caller needs. The message always names the file and, when one tensor is at
 * fault, that tensor, so a failed model load points straight at the bytes to inspect.
 */
public class CheckpointFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String tensor;

    /** A problem with the file as a whole (its length, its header, its index). */
    public CheckpointFormatException(Path file, String problem) {
        this(file, null, problem, null);
    }

    /** A problem with the file as a whole, caused by a lower-level failure (a JSON error, say). */
    public CheckpointFormatException(Path file, String problem, Throwable cause) {
        this(file, null, problem, cause);
    }

    /** A problem with one tensor of the file. */
    public CheckpointFormatException(Path file, String tensor, String problem) {
        this(file, tensor, problem, null);
    }

    private CheckpointFormatException(Path file, String tensor, String problem, Throwable cause) {
        super(describe(file, tensor, problem), cause);
        this.file = file;
        this.tensor = tensor;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The tensor at fault, when the problem is confined to one tensor. */
    public Optional<String> tensor() {
        return Optional.ofNullable(tensor);
    }

    private static String describe(Path file, String tensor, String problem) {
        StringBuilder message = new StringBuilder().append(file).append(": ");
        if (tensor != null) {
            message.append("tensor '").append(tensor).append("': ");
        }
        return message.append(problem).toString();
    }
}
