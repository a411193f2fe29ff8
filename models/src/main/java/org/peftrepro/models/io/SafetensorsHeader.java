package org.peftrepro.models.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and fully validated header of one safetensors file.
 *
 * <p>Validation follows the reference implementation (the {@code safetensors} Rust crate): the
 * header length is bounded, the header is a UTF-8 JSON object, every entry has a known dtype, a
 * shape of non-negative integers and a pair of data offsets whose span matches shape and dtype, and
 * the tensors tile the data section exactly: no overlaps, no gaps, nothing left over at the end.
 */
final class SafetensorsHeader {

    /** Bytes of the little-endian u64 that opens the file and gives the header length. */
    static final int LENGTH_PREFIX_BYTES = 8;
    /** Header length limit of the reference implementation; a larger value means a damaged file. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The reserved header key holding free-form string metadata rather than a tensor. */
    static final String METADATA_KEY = "__metadata__";

    private final Map<String, TensorEntry> tensors;
    private final Map<String, String> metadata;
    private final long dataSectionStart;

    private SafetensorsHeader(Map<String, TensorEntry> tensors, Map<String, String> metadata, long dataSectionStart) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
        this.dataSectionStart = dataSectionStart;
    }

    /** Tensor entries in the order their data lies in the file. */
    Map<String, TensorEntry> tensors() {
        return tensors;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /** Absolute file position of the data section: the length prefix plus the header. */
    long dataSectionStart() {
        return dataSectionStart;
    }

    /** Reads and validates the header of {@code file}, open as {@code channel}. */
    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < LENGTH_PREFIX_BYTES) {
            throw new CheckpointFormatException(file, "file is " + fileSize + " bytes long, too short for the "
                    + LENGTH_PREFIX_BYTES + "-byte header length that starts every safetensors file");
        }
        ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, prefix, 0);
        long headerLength = prefix.getLong(0);
        // Unsigned on disk: a negative long here is a length of 2^63 or more.
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(file, "header length " + Long.toUnsignedString(headerLength)
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes; the file is damaged or not safetensors");
        }
        if (headerLength > fileSize - LENGTH_PREFIX_BYTES) {
            throw new CheckpointFormatException(file, "header length " + headerLength + " runs past the end of the "
                    + "file, which has only " + (fileSize - LENGTH_PREFIX_BYTES) + " bytes after the length prefix");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(file, channel, headerBytes, LENGTH_PREFIX_BYTES);
        headerBytes.flip();
        long dataSectionStart = LENGTH_PREFIX_BYTES + headerLength;
        return parse(file, CheckpointJson.parseObject(file, "header", headerBytes), dataSectionStart,
                fileSize - dataSectionStart);
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer target, long position) throws IOException {
        long next = position;
        while (target.hasRemaining()) {
            int read = channel.read(target, next);
            if (read < 0) {
                throw new CheckpointFormatException(file, "file ended at byte " + next + " while reading its header");
            }
            next += read;
        }
    }

    private static SafetensorsHeader parse(Path file, JsonNode root, long dataSectionStart, long dataSectionLength)
            throws CheckpointFormatException {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<TensorEntry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(METADATA_KEY)) {
                metadata.putAll(parseMetadata(file, field.getValue()));
            } else {
                entries.add(parseEntry(file, field.getKey(), field.getValue(), dataSectionLength));
            }
        }
        List<TensorEntry> inDataOrder = checkLayout(file, entries, dataSectionLength);
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        for (TensorEntry entry : inDataOrder) {
            tensors.put(entry.name(), entry);
        }
        return new SafetensorsHeader(tensors, metadata, dataSectionStart);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) throws CheckpointFormatException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node.isNull()) {
            return metadata; // the reference accepts an explicit null as "no metadata"
        }
        if (!node.isObject()) {
            throw new CheckpointFormatException(file, METADATA_KEY + " must be a JSON object of strings but is a "
                    + CheckpointJson.kind(node));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw new CheckpointFormatException(file, METADATA_KEY + " value for key '" + field.getKey()
                        + "' must be a string but is a " + CheckpointJson.kind(field.getValue()));
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static TensorEntry parseEntry(Path file, String name, JsonNode node, long dataSectionLength)
            throws CheckpointFormatException {
        if (!node.isObject()) {
            throw new CheckpointFormatException(file, name, "entry must be a JSON object but is a "
                    + CheckpointJson.kind(node));
        }
        SafetensorsDtype dtype = parseDtype(file, name, required(file, name, node, "dtype"));
        long[] shape = parseShape(file, name, required(file, name, node, "shape"));
        long[] offsets = parseOffsets(file, name, required(file, name, node, "data_offsets"));
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new CheckpointFormatException(file, name, "data_offsets " + Arrays.toString(offsets)
                    + " begin after they end");
        }
        if (end > dataSectionLength) {
            throw new CheckpointFormatException(file, name, "data_offsets " + Arrays.toString(offsets)
                    + " run past the end of the data section, which has " + dataSectionLength + " bytes");
        }
        long expectedBytes = byteLength(file, name, dtype, shape);
        if (end - begin != expectedBytes) {
            throw new CheckpointFormatException(file, name, "data_offsets " + Arrays.toString(offsets) + " span "
                    + (end - begin) + " bytes, but dtype " + dtype.code() + " with shape " + Arrays.toString(shape)
                    + " needs " + expectedBytes);
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static JsonNode required(Path file, String name, JsonNode entry, String field)
            throws CheckpointFormatException {
        JsonNode value = entry.get(field);
        if (value == null) {
            throw new CheckpointFormatException(file, name, "entry has no '" + field + "' field");
        }
        return value;
    }

    private static SafetensorsDtype parseDtype(Path file, String name, JsonNode node) throws CheckpointFormatException {
        if (!node.isTextual()) {
            throw new CheckpointFormatException(file, name, "'dtype' must be a string but is a " + CheckpointJson.kind(node));
        }
        return SafetensorsDtype.fromCode(node.textValue()).orElseThrow(() -> new CheckpointFormatException(file, name,
                "unsupported dtype '" + node.textValue() + "' (supported: " + SafetensorsDtype.supportedCodes() + ")"));
    }

    private static long[] parseShape(Path file, String name, JsonNode node) throws CheckpointFormatException {
        if (!node.isArray()) {
            throw new CheckpointFormatException(file, name, "'shape' must be an array but is a " + CheckpointJson.kind(node));
        }
        long[] shape = new long[node.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeInteger(file, name, "shape[" + i + "]", node.get(i));
        }
        return shape;
    }

    private static long[] parseOffsets(Path file, String name, JsonNode node) throws CheckpointFormatException {
        if (!node.isArray() || node.size() != 2) {
            throw new CheckpointFormatException(file, name, "'data_offsets' must be an array of two integers [begin, end]"
                    + " but is " + node);
        }
        return new long[] {
            nonNegativeInteger(file, name, "data_offsets[0]", node.get(0)),
            nonNegativeInteger(file, name, "data_offsets[1]", node.get(1))
        };
    }

    private static long nonNegativeInteger(Path file, String name, String field, JsonNode node)
            throws CheckpointFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw new CheckpointFormatException(file, name, field + " is " + node
                    + "; it must be a non-negative integer below 2^63");
        }
        return node.longValue();
    }

    private static long byteLength(Path file, String name, SafetensorsDtype dtype, long[] shape)
            throws CheckpointFormatException {
        try {
            long elements = 1;
            for (long dim : shape) {
                elements = Math.multiplyExact(elements, dim);
            }
            return Math.multiplyExact(elements, (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new CheckpointFormatException(file, name, "shape " + Arrays.toString(shape)
                    + " has more bytes than a 64-bit count can hold");
        }
    }

    /**
     * Requires the tensors to tile the data section, as the reference does: sorted by offsets, each
     * begins where the previous ended, and the last ends where the file ends.
     *
     * @return the entries sorted by their position in the data section
     */
    private static List<TensorEntry> checkLayout(Path file, List<TensorEntry> entries, long dataSectionLength)
            throws CheckpointFormatException {
        List<TensorEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(TensorEntry::dataBegin).thenComparingLong(TensorEntry::dataEnd));
        long covered = 0;
        TensorEntry previous = null;
        for (TensorEntry entry : sorted) {
            if (entry.dataBegin() < covered) {
                throw new CheckpointFormatException(file, entry.name(), "data_offsets [" + entry.dataBegin() + ", "
                        + entry.dataEnd() + "] overlap tensor '" + previous.name() + "', which ends at " + covered);
            }
            if (entry.dataBegin() > covered) {
                throw new CheckpointFormatException(file, entry.name(), "data_offsets [" + entry.dataBegin() + ", "
                        + entry.dataEnd() + "] leave bytes [" + covered + ", " + entry.dataBegin()
                        + ") of the data section unused; tensors must be stored back to back");
            }
            covered = entry.dataEnd();
            previous = entry;
        }
        if (covered != dataSectionLength) {
            throw new CheckpointFormatException(file, "data section has " + dataSectionLength
                    + " bytes but the tensors cover only the first " + covered
                    + "; the file has trailing bytes or a header that lists too few tensors");
        }
        return sorted;
    }
}
