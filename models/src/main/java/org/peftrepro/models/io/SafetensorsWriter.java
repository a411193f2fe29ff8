package org.peftrepro.models.io;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.peftrepro.hub.io.AtomicFiles;

/**
 * Writes NDArrays to a safetensors file that the reference implementation (and so Python's {@code
 * safetensors.safe_open}) reads back.
 *
 * <p>The file is streamed tensor by tensor, so only one tensor's bytes are in Java memory at a time,
 * and it appears atomically: a failed write leaves no partial file behind. Tensors are stored in
 * name order, which makes the output deterministic; the reference orders by alignment first, but
 * any order that tiles the data section is valid. The header is padded with spaces to a multiple of
 * 8 bytes, as the reference does, so the data section starts aligned.
 */
public final class SafetensorsWriter {

    private static final int HEADER_ALIGNMENT = 8;

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} with no metadata. */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} (by name) and string {@code metadata} to {@code file}, replacing it.
     * Supported array types: FLOAT64, FLOAT32, FLOAT16, INT64, INT32, INT8, UINT8, BOOLEAN.
     *
     * @param metadata stored as the header's {@code __metadata__}; may be empty or null
     * @throws IllegalArgumentException if a name is reserved, an array has an unsupported type, or a
     *     metadata key or value is null
     */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        List<PlannedTensor> plan = plan(file, tensors);
        byte[] header = headerBytes(plan, metadata == null ? Map.of() : metadata);
        AtomicFiles.write(file, channel -> {
            ByteBuffer length = ByteBuffer.allocate(SafetensorsHeader.LENGTH_PREFIX_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(0, header.length);
            AtomicFiles.writeFully(channel, length);
            AtomicFiles.writeFully(channel, ByteBuffer.wrap(header));
            for (PlannedTensor tensor : plan) {
                writeData(file, channel, tensor);
            }
        });
    }

    /** A tensor with its place in the data section, decided before anything is written. */
    private static final class PlannedTensor {
        final String name;
        final NDArray array;
        final SafetensorsDtype dtype;
        final long[] shape;
        final long begin;
        final long end;

        PlannedTensor(String name, NDArray array, SafetensorsDtype dtype, long begin) {
            this.name = name;
            this.array = array;
            this.dtype = dtype;
            this.shape = array.getShape().getShape();
            this.begin = begin;
            this.end = begin + array.getShape().size() * dtype.byteSize();
        }
    }

    private static List<PlannedTensor> plan(Path file, Map<String, NDArray> tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.keySet().stream().anyMatch(Objects::isNull)) { // Map.of rejects containsKey(null)
            throw new IllegalArgumentException(file + ": a tensor has a null name");
        }
        List<PlannedTensor> plan = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, NDArray> entry : new TreeMap<>(tensors).entrySet()) {
            String name = entry.getKey();
            NDArray array = entry.getValue();
            if (name.equals(SafetensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException(file + ": '" + name + "' is reserved for metadata and cannot name a tensor");
            }
            if (array == null) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "' is null");
            }
            SafetensorsDtype dtype;
            try {
                dtype = SafetensorsDtype.forNDArrayType(array.getDataType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": tensor '" + name + "': " + e.getMessage(), e);
            }
            PlannedTensor planned = new PlannedTensor(name, array, dtype, offset);
            plan.add(planned);
            offset = planned.end;
        }
        return plan;
    }

    private static byte[] headerBytes(List<PlannedTensor> plan, Map<String, String> metadata)
            throws JsonProcessingException {
        ObjectNode root = CheckpointJson.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            if (metadata.keySet().stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("metadata has a null key");
            }
            ObjectNode metadataNode = root.putObject(SafetensorsHeader.METADATA_KEY);
            for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
                if (entry.getValue() == null) {
                    throw new IllegalArgumentException("metadata value for key '" + entry.getKey() + "' is null");
                }
                metadataNode.put(entry.getKey(), entry.getValue());
            }
        }
        for (PlannedTensor tensor : plan) {
            ObjectNode node = root.putObject(tensor.name);
            node.put("dtype", tensor.dtype.code());
            ArrayNode shape = node.putArray("shape");
            Arrays.stream(tensor.shape).forEach(shape::add);
            node.putArray("data_offsets").add(tensor.begin).add(tensor.end);
        }
        byte[] json = CheckpointJson.MAPPER.writeValueAsBytes(root);
        int padded = (json.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeData(Path file, FileChannel channel, PlannedTensor tensor) throws IOException {
        ByteBuffer data = tensor.array.toByteBuffer(); // contiguous, on the CPU, in native byte order
        long expected = tensor.end - tensor.begin;
        if (data.remaining() != expected) {
            throw new IOException(file + ": tensor '" + tensor.name + "' gave " + data.remaining()
                    + " bytes, expected " + expected + " for its shape and type");
        }
        if (data.order() != ByteOrder.LITTLE_ENDIAN && tensor.dtype.byteSize() > 1) {
            ByteBuffer littleEndian = ByteBuffer.allocate(data.remaining()).order(ByteOrder.LITTLE_ENDIAN);
            ElementDecoding.swapInto(tensor.dtype.byteSize(), data, littleEndian);
            data = littleEndian.flip();
        }
        AtomicFiles.writeFully(channel, data);
    }
}
