/**
 * Reading and writing model weights in the safetensors format, and opening Hugging Face checkpoint
 * folders (single file or sharded with an index).
 *
 * <p>Entry points: {@link org.peftrepro.models.io.Checkpoint} to load a model's or adapter's
 * weights, {@link org.peftrepro.models.io.SafetensorsFile} for one file, and {@link
 * org.peftrepro.models.io.SafetensorsWriter} to save. Malformed files fail when opened, with a
 * {@link org.peftrepro.models.io.CheckpointFormatException} naming the file and tensor at fault.
 */
package org.peftrepro.models.io;
