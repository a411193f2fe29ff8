package org.peftrepro.reports;

import java.util.Locale;
import java.util.Optional;

/** The GLUE tasks, in the column order of the papers' tables. */
public enum GlueTask {
  MNLI("mnli", "MNLI"),
  SST2("sst2", "SST-2"),
  MRPC("mrpc", "MRPC"),
  COLA("cola", "CoLA"),
  QNLI("qnli", "QNLI"),
  QQP("qqp", "QQP"),
  RTE("rte", "RTE"),
  STSB("stsb", "STS-B");

  private final String shortName;
  private final String header;

  GlueTask(String shortName, String header) {
    this.shortName = shortName;
    this.header = header;
  }

  /** The name used in run records and data files, e.g. {@code sst2}. */
  public String shortName() {
    return shortName;
  }

  /** The column header the papers use, e.g. {@code SST-2}. */
  public String header() {
    return header;
  }

  /** The task named by a short name or a header, ignoring case and dashes ({@code sst2}, {@code SST-2}). */
  public static Optional<GlueTask> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String key = name.replace("-", "").toLowerCase(Locale.ROOT);
    for (GlueTask task : values()) {
      if (task.shortName.equals(key)) {
        return Optional.of(task);
      }
    }
    return Optional.empty();
  }
}
