package org.peftrepro.reports;

import org.peftrepro.datasets.Scale;
import org.peftrepro.methods.spi.Fidelity;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the results store keeps about one training run: one JSON file per run, written by
 * {@link RunStore}.
 *
 * <p>The JSON form is this record's components under the same names. Readers ignore fields they do
 * not know, so a newer writer can add fields without breaking older readers; a change that alters
 * the meaning of an existing field must raise {@link #CURRENT_SCHEMA}. Metrics are fractions as the
 * evaluation computes them (accuracy 0.876); tables multiply by 100.
 *
 * @param schema version of this layout; {@link #CURRENT_SCHEMA} for records written by this code
 * @param runId stable key of the run, also its file name in the store, e.g. {@code
 *     table1-lora-sst2-seed42-quick}
 * @param status whether the run finished
 * @param failureReason why a failed run failed (exception message, diverged loss, ...)
 * @param table which paper table the run belongs to, e.g. {@code table1}
 * @param task GLUE short name: mnli, sst2, mrpc, cola, qnli, qqp, rte, stsb
 * @param method method name, e.g. {@code lora}, {@code lor2c}, {@code ft}
 * @param methodOptions the method's own settings (rank, alpha, target modules, ...)
 * @param seed random seed of the run
 * @param scale how much of the paper's budget the run used
 * @param fidelity whether the run follows the paper's text or the official code
 * @param model pretrained model id and revision
 * @param data data source and revision
 * @param syntheticData true when the run used generated stand-in data instead of the real task
 * @param device where the run computed, e.g. {@code cpu()} or {@code gpu(0)}
 * @param trainableParamsAtStart trainable parameters when training started, head included
 * @param trainableParamsAtEnd trainable parameters when training ended, head included (methods that
 *     merge or inject modules change this during training)
 * @param headParams parameters of the task head (classifier or regressor), which tables leave out
 * @param epochs one entry per finished epoch
 * @param bestEpoch the epoch whose validation metrics are reported
 * @param bestMetrics validation metrics of the best epoch, as fractions
 * @param primaryMetric name of the metric in {@code bestMetrics} that the paper reports for this
 *     task
 * @param meanStepTimeMs mean wall-clock time of one optimizer step
 * @param examplesPerSecond training throughput
 * @param peakMemoryBytes peak memory of the device during the run
 * @param config the full resolved configuration of the run
 * @param versions versions of the software involved: suite, djl, pytorch, java
 * @param gitCommit commit of this suite the run was built from
 * @param workingTreeModified whether the suite's working tree had uncommitted changes to tracked files when the
 *     run was made (then {@code gitCommit} alone does not say which code made it); null when not known
 * @param startedAt when the run started
 * @param finishedAt when the run ended, failed or not
 * @param failureHistory the reasons of earlier attempts of this run that failed, oldest first, each led by when
 *     it ended ({@code 2026-11-29T10:00:00Z: OutOfMemoryError: ...}); empty when none failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
        int schema,
        String runId,
        RunStatus status,
        String failureReason,
        String table,
        String task,
        String method,
        Map<String, Object> methodOptions,
        Long seed,
        Scale scale,
        Fidelity fidelity,
        ModelRef model,
        DataRef data,
        boolean syntheticData,
        String device,
        Long trainableParamsAtStart,
        Long trainableParamsAtEnd,
        Long headParams,
        List<EpochResult> epochs,
        Integer bestEpoch,
        Map<String, Double> bestMetrics,
        String primaryMetric,
        Double meanStepTimeMs,
        Double examplesPerSecond,
        Long peakMemoryBytes,
        Map<String, Object> config,
        Map<String, String> versions,
        String gitCommit,
        Boolean workingTreeModified,
        Instant startedAt,
        Instant finishedAt,
        List<String> failureHistory) {

    /** Layout version written by this code. */
    public static final int CURRENT_SCHEMA = 1;

    public RunRecord {
        methodOptions = Maps.frozenCopy(methodOptions);
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        bestMetrics = Maps.frozenCopy(bestMetrics);
        config = Maps.frozenCopy(config);
        versions = Maps.frozenCopy(versions);
        failureHistory = failureHistory == null ? List.of() : List.copyOf(failureHistory);
    }

    /** A builder for a record of the current schema. */
    public static Builder builder(String runId) {
        return new Builder().runId(runId);
    }

    /** A builder holding this record's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when the run finished. */
    @JsonIgnore
    public boolean succeeded() {
        return status == RunStatus.OK;
    }

    /** The primary metric of the best epoch, as a fraction, if the record has one. */
    @JsonIgnore
    public Optional<Double> primaryValue() {
        if (primaryMetric == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(bestMetrics.get(primaryMetric));
    }

    /**
     * Trainable parameters without the task head, as tables report them: the count at the end of
     * training (methods that merge or inject modules end with a different count than they start
     * with), or at the start when the run did not get to the end.
     */
    @JsonIgnore
    public Optional<Long> reportedTrainableParams() {
        Long trainable =
                trainableParamsAtEnd != null ? trainableParamsAtEnd : trainableParamsAtStart;
        if (trainable == null) {
            return Optional.empty();
        }
        return Optional.of(trainable - (headParams == null ? 0L : headParams));
    }

    /**
     * Builds {@link RunRecord}s field by field; unset fields stay null (or empty for collections).
     */
    public static final class Builder {
        private int schema = CURRENT_SCHEMA;
        private String runId;
        private RunStatus status = RunStatus.OK;
        private String failureReason;
        private String table;
        private String task;
        private String method;
        private Map<String, Object> methodOptions;
        private Long seed;
        private Scale scale;
        private Fidelity fidelity;
        private ModelRef model;
        private DataRef data;
        private boolean syntheticData;
        private String device;
        private Long trainableParamsAtStart;
        private Long trainableParamsAtEnd;
        private Long headParams;
        private List<EpochResult> epochs = new ArrayList<>();
        private Integer bestEpoch;
        private Map<String, Double> bestMetrics;
        private String primaryMetric;
        private Double meanStepTimeMs;
        private Double examplesPerSecond;
        private Long peakMemoryBytes;
        private Map<String, Object> config;
        private Map<String, String> versions;
        private String gitCommit;
        private Boolean workingTreeModified;
        private Instant startedAt;
        private Instant finishedAt;
        private List<String> failureHistory = new ArrayList<>();

        private Builder() {}

        private Builder(RunRecord r) {
            schema = r.schema;
            runId = r.runId;
            status = r.status;
            failureReason = r.failureReason;
            table = r.table;
            task = r.task;
            method = r.method;
            methodOptions = r.methodOptions;
            seed = r.seed;
            scale = r.scale;
            fidelity = r.fidelity;
            model = r.model;
            data = r.data;
            syntheticData = r.syntheticData;
            device = r.device;
            trainableParamsAtStart = r.trainableParamsAtStart;
            trainableParamsAtEnd = r.trainableParamsAtEnd;
            headParams = r.headParams;
            epochs = new ArrayList<>(r.epochs);
            bestEpoch = r.bestEpoch;
            bestMetrics = r.bestMetrics;
            primaryMetric = r.primaryMetric;
            meanStepTimeMs = r.meanStepTimeMs;
            examplesPerSecond = r.examplesPerSecond;
            peakMemoryBytes = r.peakMemoryBytes;
            config = r.config;
            versions = r.versions;
            gitCommit = r.gitCommit;
            workingTreeModified = r.workingTreeModified;
            startedAt = r.startedAt;
            finishedAt = r.finishedAt;
            failureHistory = new ArrayList<>(r.failureHistory);
        }

        public Builder schema(int value) {
            schema = value;
            return this;
        }

        public Builder runId(String value) {
            runId = value;
            return this;
        }

        public Builder status(RunStatus value) {
            status = value;
            return this;
        }

        /** Marks the run failed, with the reason tables and logs show. */
        public Builder failed(String reason) {
            status = RunStatus.FAILED;
            failureReason = reason;
            return this;
        }

        public Builder failureReason(String value) {
            failureReason = value;
            return this;
        }

        public Builder table(String value) {
            table = value;
            return this;
        }

        public Builder task(String value) {
            task = value;
            return this;
        }

        public Builder method(String value) {
            method = value;
            return this;
        }

        public Builder methodOptions(Map<String, Object> value) {
            methodOptions = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The run's seed; null when the run has none. */
        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder scale(Scale value) {
            scale = value;
            return this;
        }

        public Builder fidelity(Fidelity value) {
            fidelity = value;
            return this;
        }

        public Builder model(String id, String revision) {
            model = new ModelRef(id, revision);
            return this;
        }

        public Builder data(String source, String revision) {
            data = new DataRef(source, revision);
            return this;
        }

        public Builder syntheticData(boolean value) {
            syntheticData = value;
            return this;
        }

        public Builder device(String value) {
            device = value;
            return this;
        }

        public Builder trainableParamsAtStart(long value) {
            trainableParamsAtStart = value;
            return this;
        }

        public Builder trainableParamsAtEnd(long value) {
            trainableParamsAtEnd = value;
            return this;
        }

        public Builder headParams(long value) {
            headParams = value;
            return this;
        }

        public Builder addEpoch(EpochResult value) {
            epochs.add(value);
            return this;
        }

        public Builder epochs(List<EpochResult> value) {
            epochs = new ArrayList<>(value);
            return this;
        }

        public Builder bestEpoch(int value) {
            bestEpoch = value;
            return this;
        }

        public Builder bestMetrics(Map<String, Double> value) {
            bestMetrics = value;
            return this;
        }

        public Builder primaryMetric(String value) {
            primaryMetric = value;
            return this;
        }

        /**
         * Sets the primary metric and its best value in one go, for the common single-metric case.
         */
        public Builder primary(String metric, double value) {
            primaryMetric = metric;
            bestMetrics = Map.of(metric, value);
            return this;
        }

        public Builder meanStepTimeMs(double value) {
            meanStepTimeMs = value;
            return this;
        }

        public Builder examplesPerSecond(double value) {
            examplesPerSecond = value;
            return this;
        }

        public Builder peakMemoryBytes(long value) {
            peakMemoryBytes = value;
            return this;
        }

        public Builder config(Map<String, Object> value) {
            config = value;
            return this;
        }

        public Builder versions(Map<String, String> value) {
            versions = value;
            return this;
        }

        public Builder gitCommit(String value) {
            gitCommit = value;
            return this;
        }

        public Builder workingTreeModified(Boolean value) {
            workingTreeModified = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder finishedAt(Instant value) {
            finishedAt = value;
            return this;
        }

        /** Earlier failed attempts of the run, oldest first. */
        public Builder failureHistory(List<String> value) {
            failureHistory = new ArrayList<>(value);
            return this;
        }

        public RunRecord build() {
            return new RunRecord(
                    schema,
                    runId,
                    status,
                    failureReason,
                    table,
                    task,
                    method,
                    methodOptions,
                    seed,
                    scale,
                    fidelity,
                    model,
                    data,
                    syntheticData,
                    device,
                    trainableParamsAtStart,
                    trainableParamsAtEnd,
                    headParams,
                    epochs,
                    bestEpoch,
                    bestMetrics,
                    primaryMetric,
                    meanStepTimeMs,
                    examplesPerSecond,
                    peakMemoryBytes,
                    config,
                    versions,
                    gitCommit,
                    workingTreeModified,
                    startedAt,
                    finishedAt,
                    failureHistory);
        }
    }
}
