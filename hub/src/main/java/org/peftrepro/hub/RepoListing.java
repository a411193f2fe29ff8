package org.peftrepro.hub;

import java.util.List;
import java.util.Objects;

/**
 * The files of one repository revision, as the Hub lists them.
 *
 * @param commit the commit hash the revision resolved to ({@code sha})
 * @param files  every file path ({@code siblings[].rfilename}), in the Hub's order
 */
public record RepoListing(String commit, List<String> files) {
    public RepoListing {
        Objects.requireNonNull(commit, "commit");
        files = List.copyOf(files);
    }
}
