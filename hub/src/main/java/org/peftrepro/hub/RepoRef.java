package org.peftrepro.hub;

import java.util.Objects;

/** A repository id, its revision and its type: everything that names one version of one repository. */
record RepoRef(RepoId repo, RepoType type) {

    RepoRef {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(type, "type");
    }

    String id() {
        return repo.id();
    }

    String revision() {
        return repo.revision();
    }

    RepoRef at(String otherRevision) {
        return new RepoRef(repo.at(otherRevision), type);
    }

    /** For messages: {@code model repository 'FacebookAI/roberta-base'}. */
    String describe() {
        return type.label() + " repository '" + repo.id() + "'";
    }
}
