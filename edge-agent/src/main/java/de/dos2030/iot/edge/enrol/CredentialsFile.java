package de.dos2030.iot.edge.enrol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Instant;

/**
 * Writes a gateway's credentials file (the format {@code uplink.Credentials} reads) so that it is either
 * absent or complete and private: a temporary file in the same directory, created with mode 0600, written
 * and synced, given mode 0640 and (as root) its owner, then renamed over the target in one step. On any
 * failure the temporary file is removed and the target is as it was.
 */
final class CredentialsFile {
    static final String MODE = "rw-r-----";

    private CredentialsFile() {}

    /** What {@link #write} did about the owner, for the technician. */
    record Written(Path file, String ownership) {}

    /**
     * @param owner {@code user} or {@code user:group} (group defaults to the user's name); applied only
     *              when this process runs as root, since only root can give a file away
     * @param replace whether an existing file may be replaced
     * @throws IOException with a message naming the file and what to do
     */
    static Written write(Path file, String content, String owner, boolean replace) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (!replace && Files.exists(target)) {
            throw new FileAlreadyExistsException(target + " exists: pass --force to replace it (its token stops"
                    + " working once the collector issues a new one anyway)");
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("directory " + dir + " does not exist: create it (the install script makes"
                    + " /etc/dos-edge-agent) or choose another --credentials path");
        }
        Path temp = Files.createTempFile(
                dir,
                "." + target.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(MODE));
            String ownership = chown(temp, owner);
            if (replace) {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // a hard link fails if the target appeared meanwhile: never overwrite without --force
                Files.createLink(target, temp);
                Files.delete(temp);
            }
            syncDirectory(dir);
            return new Written(target, ownership);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String chown(Path file, String owner) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        String me = Files.getOwner(file).getName();
        if (!me.equals("root")) {
            return "owner " + me + " (not running as root: owner " + owner + " not applied)";
        }
        String user = owner.contains(":") ? owner.substring(0, owner.indexOf(':')) : owner;
        String group = owner.contains(":") ? owner.substring(owner.indexOf(':') + 1) : owner;
        UserPrincipalLookupService names = file.getFileSystem().getUserPrincipalLookupService();
        try {
            UserPrincipal u = names.lookupPrincipalByName(user);
            GroupPrincipal g = names.lookupPrincipalByGroupName(group);
            view.setOwner(u);
            view.setGroup(g);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("--owner " + owner + ": no such user or group '" + e.getName()
                    + "' on this machine (the install script creates dos-edge); nothing was written");
        }
        return "owner " + user + ":" + group;
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }

    /** The properties text of a gateway's credentials, with a header saying where it came from. */
    static String content(ClaimExchange.Answer a, Instant at) {
        return "# DOS IoT gateway credentials, written by 'edge-agent enroll' at " + at + "\n"
                + "# gateway " + a.gatewayId() + ", site " + a.siteId() + " (" + a.siteKind() + ")."
                + " Secret: keep mode 0640.\n"
                + "token=" + a.token() + "\n"
                + "username=" + a.mqttUsername() + "\n";
    }
}
