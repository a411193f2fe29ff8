package org.peftrepro.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The pretrained model a run started from.
 *
 * @param id hub id or local folder, e.g. {@code FacebookAI/roberta-base}
 * @param revision commit or tag of that model, so that a rerun loads the same weights
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelRef(String id, String revision) {}
