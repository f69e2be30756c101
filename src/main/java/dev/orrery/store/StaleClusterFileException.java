package dev.orrery.store;

import java.io.IOException;
import java.nio.file.Path;

/** The file changed on disk after it was read; the copy in hand was not written over it. */
public final class StaleClusterFileException extends IOException {
    public StaleClusterFileException(Path file) {
        super(file + " changed on disk since it was read (another program or window wrote it); "
                + "nothing was written: read it again and make the change on what it holds now");
    }
}
