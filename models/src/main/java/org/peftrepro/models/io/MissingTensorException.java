package org.peftrepro.models.io;

import java.nio.file.Path;

/**
 * A tensor was asked for by name and the checkpoint has none by that name. Kept apart from other
 * format errors so that a loader can treat optional weights (a bias, say) differently.
 */
public class MissingTensorException extends CheckpointFormatException {

    private static final long serialVersionUID = 1L;

    public MissingTensorException(Path file, String tensor, String problem) {
        super(file, tensor, problem);
    }
}
