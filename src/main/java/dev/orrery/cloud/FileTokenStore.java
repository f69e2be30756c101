package dev.orrery.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The token in a file only its owner can read, where there is no keychain: mode 0600 in a 0700
 * folder on POSIX systems, an ACL granting the owner alone on Windows. Like ssh with a private
 * key, it refuses to read a file that others can read, rather than go on with a leaked secret.
 */
public final class FileTokenStore implements TokenStore {
    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private final Path file;

    public FileTokenStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "the file " + file + " (readable by you alone)";
    }

    @Override
    public Optional<ApiToken> load() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (posix()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (!OWNER_RW.containsAll(perms)) {
                throw new IOException(file + " can be read by others (" + PosixFilePermissions.toString(perms)
                        + "); run `chmod 600 " + file + "` or enter the token again");
            }
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(new ApiToken(text));
    }

    @Override
    public void save(ApiToken token) throws IOException {
        Path dir = file.getParent();
        dev.orrery.store.PrivateFiles.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, OWNER_RWX);
        }
        // The temp file is private from its first byte: created with the mode, not chmod-ed after.
        Path temp = posix()
                ? Files.createTempFile(dir, ".token.", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_RW))
                : Files.createTempFile(dir, ".token.", ".tmp");
        try {
            if (!posix()) {
                ownerOnlyAcl(temp);
            }
            Files.writeString(temp, token.reveal() + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void ownerOnlyAcl(Path p) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(p, AclFileAttributeView.class);
        if (view == null) {
            throw new IOException("cannot make " + p + " private on this file system; set DIGITALOCEAN_TOKEN instead");
        }
        UserPrincipal owner = Files.getOwner(p);
        AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        view.setAcl(List.of(entry));
    }
}
