package de.dos2030.iot.collector.gateways;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;

/**
 * Where the collector writes Mosquitto's password and ACL files ({@code collector.mosquitto.*}).
 * Unset paths: the files are only served by the admin API. Entries the collector did not write
 * (the collector's own account, an operator's) are kept; entries of deleted gateways are removed.
 *
 * @param passwdFile       Mosquitto {@code password_file}
 * @param aclFile          Mosquitto {@code acl_file}
 * @param collectorUser    the collector's own broker account, given read access to all gateway topics
 * @param collectorPassword when set, the collector writes its own account's line too
 */
@ConfigurationProperties("collector.mosquitto")
public record MosquittoFilesConfig(
        @Nullable Path passwdFile,
        @Nullable Path aclFile,
        @Bindable(defaultValue = "collector") @NotBlank String collectorUser,
        @Nullable String collectorPassword) {}
