package dev.orrery.remote;

/** Progress of one upload, called from the uploading thread. */
@FunctionalInterface
public interface UploadListener {
    void transferred(long bytes, long total);

    UploadListener IGNORE = (bytes, total) -> { };
}
