/**
 * Reading the text files every module takes from users (config.json, adapter_config.json, tokenizer.json,
 * protocol and result files, TSV data) strictly, with errors that name the file and the line: UTF-8 that is
 * not UTF-8, JSON with anything after its value, a folder where a file should be, a number too large for its
 * type.
 *
 * <p>Here because {@code hub} is the module every other module depends on, so that there is one reader of
 * each kind: {@link org.peftrepro.hub.io.StrictJson}, {@link org.peftrepro.hub.io.Utf8Text},
 * {@link org.peftrepro.hub.io.InputFiles} and {@link org.peftrepro.hub.io.Ints}. Their failures are
 * {@link org.peftrepro.hub.io.MalformedTextException}s (or the JDK's {@link java.nio.file.NoSuchFileException}).
 */
package org.peftrepro.hub.io;
