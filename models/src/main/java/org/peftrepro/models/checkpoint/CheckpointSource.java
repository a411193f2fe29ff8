package org.peftrepro.models.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.Set;
import org.peftrepro.models.io.Checkpoint;

/** A safetensors checkpoint (single file or sharded) as a source of float32 tensors. */
public final class CheckpointSource implements TensorSource {
    private final Checkpoint checkpoint;

    public CheckpointSource(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    @Override
    public String description() {
        return checkpoint.source().toString();
    }

    @Override
    public Set<String> names() {
        return checkpoint.names();
    }

    @Override
    public long[] shape(String name) {
        try {
            return checkpoint.entry(name).shape();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public NDArray read(String name, NDManager manager) throws IOException {
        return checkpoint.read(name, manager, DataType.FLOAT32);
    }
}
