package de.dos2030.iot.edge.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kill at any step of an apply leaves files from which the start finds the configuration from before it. */
class ConfigFilesTest {

    @TempDir
    Path state;

    @Test
    void aKillAfterTheSwitchBringsBackTheRunningFileAndRemembersTheNewOneAsFailed() throws Exception {
        ConfigFiles files = new ConfigFiles(state);
        files.beginApply("new: 1\n", "old: 1\n");

        assertThat(files.recoverInterruptedApply()).contains("new: 1\n");

        assertThat(Files.readString(files.active())).isEqualTo("old: 1\n");
        assertThat(files.failedVersion()).contains(ConfigVersion.of("new: 1\n"));
        assertThat(state.resolve("config/pending.yaml")).doesNotExist();
        assertThat(state.resolve("config/rollback.yaml")).doesNotExist();
    }

    @Test
    void aKillInTheMiddleOfTheCommitStillReturnsToTheFileFromBefore() throws Exception {
        ConfigFiles files = new ConfigFiles(state);
        files.beginApply("new: 1\n", "old: 1\n");
        // The commit's rename happened, the marker's deletion did not.
        Files.move(state.resolve("config/pending.yaml"), files.active());

        files.recoverInterruptedApply();

        assertThat(Files.readString(files.active())).isEqualTo("old: 1\n");
    }

    @Test
    void aCompleteCommitLeavesNoMarkerAndKeepsThePreviousFile() throws Exception {
        ConfigFiles files = new ConfigFiles(state);
        files.beginApply("new: 1\n", "old: 1\n");
        files.commit("old: 1\n");

        assertThat(files.recoverInterruptedApply()).isEmpty();
        assertThat(Files.readString(files.active())).isEqualTo("new: 1\n");
        assertThat(Files.readString(state.resolve("config/previous.yaml"))).isEqualTo("old: 1\n");
        assertThat(files.failedVersion()).isEmpty();
    }
}
