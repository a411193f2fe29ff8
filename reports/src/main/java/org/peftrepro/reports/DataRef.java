package org.peftrepro.reports;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data a run trained and evaluated on.
 *
 * @param source data set id or local folder, e.g. {@code nyu-mll/glue}
 * @param revision commit or tag of that data
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataRef(String source, String revision) {}
