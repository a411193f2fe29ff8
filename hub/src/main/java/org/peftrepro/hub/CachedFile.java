package org.peftrepro.hub;

import java.nio.file.Path;

/**
 * A file of the cache.
 *
 * @param commit  the commit it belongs to
 * @param pointer its {@code snapshots/<commit>/<path>} entry
 */
record CachedFile(String commit, Path pointer) {
}
