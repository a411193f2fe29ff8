package org.peftrepro.models.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.peftrepro.hub.io.InputFiles;

/**
 * A safetensors file open for reading (format: https://github.com/huggingface/safetensors).
 *
 * <p>{@link #open} reads and validates the whole header, so a damaged file fails there, before any
 * tensor is loaded. Tensors are then read one at a time, by positional reads on a {@link
 * FileChannel}: nothing holds the whole file in memory, and files larger than 2 GiB work. Reads
 * from several threads at once are safe.
 */
public final class SafetensorsFile implements AutoCloseable {

    /** Bytes read per step; a multiple of every element size, so no element straddles two steps. */
    private static final int CHUNK_BYTES = 1 << 20;

    /** Types {@link #read(String, NDManager, DataType)} may convert to: those the engine holds safely. */
    private static final Set<DataType> CONVERTIBLE_TYPES = EnumSet.of(
            DataType.FLOAT64, DataType.FLOAT32, DataType.FLOAT16, DataType.INT64, DataType.INT32,
            DataType.INT8, DataType.UINT8, DataType.BOOLEAN);

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /**
     * Opens {@code file} and validates its header.
     *
     * @throws CheckpointFormatException if the file is not a valid safetensors file
     * @throws java.nio.file.NoSuchFileException if there is no such file
     * @throws java.nio.file.FileSystemException if it is a directory (a checkpoint folder is opened with
     *     {@link Checkpoint#open}) or not a regular file
     */
    public static SafetensorsFile open(Path file) throws IOException {
        InputFiles.requireFile(file, null);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(file, channel, SafetensorsHeader.read(file, channel));
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The path this file was opened from. */
    public Path file() {
        return file;
    }

    /** All tensor entries by name, in the order their data lies in the file. Unmodifiable. */
    public Map<String, TensorEntry> tensors() {
        return header.tensors();
    }

    /** The header's {@code __metadata__} map; empty if it has none. Unmodifiable. */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    public boolean contains(String name) {
        return header.tensors().containsKey(name);
    }

    /**
     * The header entry of tensor {@code name}.
     *
     * @throws MissingTensorException if the file has no tensor of that name
     */
    public TensorEntry entry(String name) throws MissingTensorException {
        TensorEntry entry = header.tensors().get(name);
        if (entry == null) {
            throw new MissingTensorException(file, name, "no tensor of this name in the file ("
                    + header.tensors().size() + " tensors)");
        }
        return entry;
    }

    /**
     * Reads one tensor into a new NDArray of {@code manager}, named after the tensor. The array has
     * the tensor's own type except that BF16 becomes FLOAT32 and I16 becomes INT32, widened exactly
     * in Java before the array is created (see {@link SafetensorsDtype}).
     */
    public NDArray read(String name, NDManager manager) throws IOException {
        TensorEntry entry = entry(name);
        SafetensorsDtype dtype = entry.dtype();
        DataType type = dtype.ndArrayType();
        ByteBuffer data = allocate(manager, entry, type);
        switch (dtype) {
            case BF16:
                FloatBuffer floats = data.asFloatBuffer();
                streamData(entry, chunk -> ElementDecoding.toFloats(dtype, chunk, floats));
                break;
            case I16:
                IntBuffer ints = data.asIntBuffer();
                streamData(entry, chunk -> ElementDecoding.shortsToInts(chunk, ints));
                break;
            default:
                streamData(entry, chunk -> ElementDecoding.copyElements(dtype, chunk, data));
                data.rewind();
        }
        return create(manager, entry, data, type);
    }

    /**
     * Reads one tensor into an NDArray of the given type. Asking for FLOAT32 from F16 (or BF16, F64)
     * converts in Java while reading; any other change of type goes through the engine after reading.
     *
     * @throws IllegalArgumentException for types the engine cannot hold safely (BFLOAT16, INT16,
     *     unsigned types wider than a byte, STRING, ...)
     */
    public NDArray read(String name, NDManager manager, DataType type) throws IOException {
        TensorEntry entry = entry(name);
        SafetensorsDtype dtype = entry.dtype();
        if (type == dtype.ndArrayType()) {
            return read(name, manager);
        }
        if (!CONVERTIBLE_TYPES.contains(type)) {
            throw new IllegalArgumentException("cannot read tensor '" + name + "' of " + file + " as " + type.name()
                    + "; supported types: " + CONVERTIBLE_TYPES.stream().map(DataType::name).toList());
        }
        if (type == DataType.FLOAT32 && dtype.isFloating()) {
            ByteBuffer data = allocate(manager, entry, DataType.FLOAT32);
            FloatBuffer floats = data.asFloatBuffer();
            streamData(entry, chunk -> ElementDecoding.toFloats(dtype, chunk, floats));
            return create(manager, entry, data, DataType.FLOAT32);
        }
        try (NDArray asStored = read(name, manager)) {
            NDArray converted = asStored.toType(type, true);
            converted.setName(name);
            return converted;
        }
    }

    /**
     * Reads a floating-point tensor (F32, F16, BF16, F64) as floats in row-major order: F16 and BF16
     * widened exactly, F64 rounded to the nearest float.
     *
     * @throws CheckpointFormatException if the tensor is not floating-point
     */
    public float[] readFloats(String name) throws IOException {
        TensorEntry entry = entry(name);
        SafetensorsDtype dtype = entry.dtype();
        if (!dtype.isFloating()) {
            throw new CheckpointFormatException(file, name, "has dtype " + dtype.code()
                    + "; reading floats needs F64, F32, F16 or BF16");
        }
        float[] values = new float[javaArrayLength(entry)];
        FloatBuffer out = FloatBuffer.wrap(values);
        streamData(entry, chunk -> ElementDecoding.toFloats(dtype, chunk, out));
        return values;
    }

    /**
     * Reads an integer or boolean tensor (I64, I32, I16, I8, U8, BOOL) as longs in row-major order;
     * U8 is unsigned, BOOL gives 0 or 1.
     *
     * @throws CheckpointFormatException if the tensor is floating-point
     */
    public long[] readLongs(String name) throws IOException {
        TensorEntry entry = entry(name);
        SafetensorsDtype dtype = entry.dtype();
        if (dtype.isFloating()) {
            throw new CheckpointFormatException(file, name, "has dtype " + dtype.code()
                    + "; reading longs needs I64, I32, I16, I8, U8 or BOOL");
        }
        long[] values = new long[javaArrayLength(entry)];
        LongBuffer out = LongBuffer.wrap(values);
        streamData(entry, chunk -> ElementDecoding.toLongs(dtype, chunk, out));
        return values;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + file + ", " + header.tensors().size() + " tensors]";
    }

    /** Passes the tensor's bytes, little-endian, to {@code consumer} in chunks of whole elements. */
    private void streamData(TensorEntry entry, Consumer<ByteBuffer> consumer) throws IOException {
        long position = header.dataSectionStart() + entry.dataBegin();
        long remaining = entry.byteLength();
        if (remaining == 0) {
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, remaining)).order(ByteOrder.LITTLE_ENDIAN);
        while (remaining > 0) {
            int length = (int) Math.min(chunk.capacity(), remaining);
            chunk.clear().limit(length);
            while (chunk.hasRemaining()) {
                long at = position + chunk.position();
                if (channel.read(chunk, at) < 0) {
                    throw new CheckpointFormatException(file, entry.name(), "file ended at byte " + at
                            + ", inside the tensor's data; was it truncated after it was opened?");
                }
            }
            chunk.flip();
            consumer.accept(chunk);
            position += length;
            remaining -= length;
        }
    }

    private ByteBuffer allocate(NDManager manager, TensorEntry entry, DataType type) throws IOException {
        long bytes = entry.elementCount() * type.getNumOfBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IOException(file + ": tensor '" + entry.name() + "' needs " + bytes + " bytes as " + type
                    + ", more than one NDArray buffer can take (" + Integer.MAX_VALUE + ")");
        }
        return manager.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }

    private int javaArrayLength(TensorEntry entry) throws IOException {
        long count = entry.elementCount();
        if (count > Integer.MAX_VALUE - 8) { // the JVM's practical array length limit
            throw new IOException(file + ": tensor '" + entry.name() + "' has " + count
                    + " elements, more than a Java array can hold");
        }
        return (int) count;
    }

    private static NDArray create(NDManager manager, TensorEntry entry, ByteBuffer data, DataType type) {
        NDArray array = manager.create(data, entry.djlShape(), type);
        array.setName(entry.name());
        return array;
    }
}
