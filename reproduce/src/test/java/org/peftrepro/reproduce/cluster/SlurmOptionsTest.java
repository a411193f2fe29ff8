package org.peftrepro.reproduce.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Scheduler settings as Slurm spells them, and the array size of what is missing. */
class SlurmOptionsTest {

    @Test
    void timeLimitsInSlurmsForms() {
        assertThat(SlurmOptions.formatTime(Duration.ofHours(12))).isEqualTo("12:00:00");
        assertThat(SlurmOptions.formatTime(Duration.ofMinutes(90).plusSeconds(5))).isEqualTo("01:30:05");
        assertThat(SlurmOptions.formatTime(Duration.ofDays(2).plusHours(3))).isEqualTo("2-03:00:00");
        assertThat(SlurmOptions.parseTime("12:00:00")).isEqualTo(Duration.ofHours(12));
        assertThat(SlurmOptions.parseTime("1-06:30:00")).isEqualTo(Duration.ofHours(30).plusMinutes(30));
        assertThat(SlurmOptions.parseTime("36:00:00")).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void badTimeLimitsSayWhatIsExpected() {
        assertThatThrownBy(() -> SlurmOptions.parseTime("12h")).hasMessage(
                "--time '12h': expected HH:MM:SS or D-HH:MM:SS, e.g. 12:00:00");
        assertThatThrownBy(() -> SlurmOptions.parseTime("01:75:00")).hasMessageContaining("up to 59");
    }

    @Test
    void oneTaskPerRunOrPerGroupOfRuns() {
        SlurmOptions options = SlurmOptions.defaults("t1");
        assertThat(options.arrayTasks(88)).isEqualTo(88);
        assertThat(options.withRunsPerTask(4).arrayTasks(88)).isEqualTo(22);
        assertThat(options.withRunsPerTask(4).arrayTasks(3)).isEqualTo(1);
        assertThat(options.withRunsPerTask(4).arrayTasks(9)).isEqualTo(3);
    }

    @Test
    void settingsThatWouldBreakTheScriptAreRefused() {
        SlurmOptions options = SlurmOptions.defaults("t1");
        assertThatThrownBy(() -> options.withPartition("gpu; rm -rf ~")).hasMessageStartingWith("--partition 'gpu; rm -rf ~'");
        assertThat(options.withPartition("gpu,gpu-long").partition()).isEqualTo("gpu,gpu-long");
        assertThatThrownBy(() -> options.withAccount("a b")).hasMessageStartingWith("--account 'a b'");
        assertThatThrownBy(() -> SlurmOptions.defaults("my table")).hasMessageStartingWith("Slurm job name 'my table'");
        assertThatThrownBy(() -> options.withGpusPerTask(-1)).hasMessageContaining("--gpus-per-task");
        assertThatThrownBy(() -> options.withArrayParallel(-2)).hasMessageContaining("--array-parallel");
        assertThatThrownBy(() -> options.withRunsPerTask(0)).hasMessageContaining("runs per task");
        assertThatThrownBy(() -> options.withTime(Duration.ZERO)).hasMessageContaining("--time");
    }
}
