package org.peftrepro.models.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The weights of one model as Hugging Face stores them: a single {@code model.safetensors}, or a
 * {@code model.safetensors.index.json} with the shards it names, or any one safetensors file (such as
 * a PEFT {@code adapter_model.safetensors}).
 *
 * <p>Opening validates every file involved and checks that each tensor the index lists is in its
 * shard, so a broken checkpoint fails before any weight is loaded.
 */
public final class Checkpoint implements AutoCloseable {

    /** The single-file weights name of Hugging Face {@code save_pretrained}. */
    public static final String SINGLE_FILE_NAME = "model.safetensors";
    /** The shard index name of Hugging Face {@code save_pretrained} for sharded weights. */
    public static final String INDEX_FILE_NAME = "model.safetensors.index.json";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private final Path source;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> fileByTensor;
    private final Map<String, String> metadata;

    private Checkpoint(Path source, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileByTensor,
            Map<String, String> metadata) {
        this.source = source;
        this.files = Collections.unmodifiableList(files);
        this.fileByTensor = Collections.unmodifiableMap(fileByTensor);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Opens a checkpoint. {@code path} is either a folder, holding {@value #SINGLE_FILE_NAME} (tried
     * first, as Hugging Face does) or {@value #INDEX_FILE_NAME}; or a file: a shard index if its name
     * ends in {@code .index.json}, otherwise a single safetensors file.
     *
     * @throws NoSuchFileException if the path, or a folder's expected file, does not exist
     * @throws CheckpointFormatException if any file is malformed, the index names a missing shard, or
     *     a listed tensor is absent from its shard
     */
    public static Checkpoint open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path single = path.resolve(SINGLE_FILE_NAME);
            if (Files.exists(single)) {
                return openSingle(single);
            }
            Path index = path.resolve(INDEX_FILE_NAME);
            if (Files.exists(index)) {
                return openSharded(index);
            }
            throw new NoSuchFileException(path.toString(), null, "folder holds neither " + SINGLE_FILE_NAME
                    + " nor " + INDEX_FILE_NAME + "; for other weight files (adapter_model.safetensors, say) "
                    + "pass the file name");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such checkpoint file or folder");
        }
        return path.getFileName().toString().endsWith(".index.json") ? openSharded(path) : openSingle(path);
    }

    /** Opens the file {@code fileName} of {@code folder}, e.g. {@code adapter_model.safetensors}. */
    public static Checkpoint open(Path folder, String fileName) throws IOException {
        Path file = folder.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such checkpoint file");
        }
        return open(file);
    }

    private static Checkpoint openSingle(Path file) throws IOException {
        SafetensorsFile single = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> fileByTensor = new LinkedHashMap<>();
        for (String name : single.tensors().keySet()) {
            fileByTensor.put(name, single);
        }
        return new Checkpoint(file, List.of(single), fileByTensor, single.metadata());
    }

    private static Checkpoint openSharded(Path indexFile) throws IOException {
        ShardIndex index = ShardIndex.read(indexFile);
        Map<Path, SafetensorsFile> shards = new LinkedHashMap<>();
        try {
            Map<String, SafetensorsFile> fileByTensor = new LinkedHashMap<>();
            for (Map.Entry<String, Path> entry : index.shardByTensor().entrySet()) {
                String tensor = entry.getKey();
                SafetensorsFile shard = shards.get(entry.getValue());
                if (shard == null) {
                    shard = openShard(indexFile, tensor, entry.getValue());
                    shards.put(entry.getValue(), shard);
                }
                if (!shard.contains(tensor)) {
                    throw new CheckpointFormatException(indexFile, tensor, "the index places it in shard "
                            + shard.file() + ", which has no tensor of that name");
                }
                fileByTensor.put(tensor, shard);
            }
            warnAboutUnlistedTensors(indexFile, shards.values(), fileByTensor);
            return new Checkpoint(indexFile, new ArrayList<>(shards.values()), fileByTensor, index.metadata());
        } catch (IOException | RuntimeException e) {
            closeAll(shards.values(), e);
            throw e;
        }
    }

    private static SafetensorsFile openShard(Path indexFile, String firstTensor, Path shard) throws IOException {
        if (!Files.isRegularFile(shard)) {
            throw new CheckpointFormatException(indexFile, firstTensor, "the index places it in shard " + shard
                    + ", which does not exist");
        }
        return SafetensorsFile.open(shard);
    }

    /** Hugging Face ignores tensors a shard holds but the index omits; so do we, but not silently. */
    private static void warnAboutUnlistedTensors(Path indexFile, Iterable<SafetensorsFile> shards,
            Map<String, SafetensorsFile> fileByTensor) {
        for (SafetensorsFile shard : shards) {
            long unlisted = shard.tensors().keySet().stream()
                    .filter(name -> fileByTensor.get(name) != shard)
                    .count();
            if (unlisted > 0) {
                LOG.warn("{}: shard {} holds {} tensors the index does not list; they are ignored",
                        indexFile, shard.file(), unlisted);
            }
        }
    }

    private static void closeAll(Iterable<SafetensorsFile> files, Exception failure) {
        for (SafetensorsFile file : files) {
            try {
                file.close();
            } catch (IOException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
        }
    }

    /** The folder's file that was opened: the single safetensors file or the shard index. */
    public Path source() {
        return source;
    }

    /** The safetensors files holding the weights, one per shard. */
    public List<Path> files() {
        return files.stream().map(SafetensorsFile::file).toList();
    }

    /** Tensor names, in the order of the index (sharded) or of the data in the file (single). */
    public Set<String> names() {
        return fileByTensor.keySet();
    }

    public boolean contains(String name) {
        return fileByTensor.containsKey(name);
    }

    /**
     * The header entry of tensor {@code name}; its data offsets are relative to its own shard.
     *
     * @throws MissingTensorException if the checkpoint has no tensor of that name
     */
    public TensorEntry entry(String name) throws MissingTensorException {
        return fileOf(name).entry(name);
    }

    /** The safetensors file holding tensor {@code name}. */
    public Path fileFor(String name) throws MissingTensorException {
        return fileOf(name).file();
    }

    /** Reads one tensor; see {@link SafetensorsFile#read(String, NDManager)}. */
    public NDArray read(String name, NDManager manager) throws IOException {
        return fileOf(name).read(name, manager);
    }

    /** Reads one tensor as {@code type}; see {@link SafetensorsFile#read(String, NDManager, DataType)}. */
    public NDArray read(String name, NDManager manager, DataType type) throws IOException {
        return fileOf(name).read(name, manager, type);
    }

    /** See {@link SafetensorsFile#readFloats(String)}. */
    public float[] readFloats(String name) throws IOException {
        return fileOf(name).readFloats(name);
    }

    /** See {@link SafetensorsFile#readLongs(String)}. */
    public long[] readLongs(String name) throws IOException {
        return fileOf(name).readLongs(name);
    }

    /** The single file's {@code __metadata__}, or the index's {@code metadata}. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (SafetensorsFile file : files) {
            try {
                file.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Checkpoint[" + source + ", " + fileByTensor.size() + " tensors in " + files.size() + " files]";
    }

    private SafetensorsFile fileOf(String name) throws MissingTensorException {
        SafetensorsFile file = fileByTensor.get(name);
        if (file == null) {
            throw new MissingTensorException(source, name, "no tensor of this name in the checkpoint ("
                    + fileByTensor.size() + " tensors)");
        }
        return file;
    }
}
