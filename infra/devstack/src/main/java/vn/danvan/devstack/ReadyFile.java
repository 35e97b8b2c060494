package vn.danvan.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file that exists while a local component is ready. infra/dev polls it instead of sleeping: a port that
 * accepts connections does not yet mean Kafka has its topics.
 */
final class ReadyFile {

    private final Path path;

    private ReadyFile(Path path) {
        this.path = path;
    }

    static ReadyFile at(String path) {
        return new ReadyFile(path == null ? null : Path.of(path));
    }

    void mark(String content) {
        if (path == null) {
            return;
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path partial = path.resolveSibling(path.getFileName() + ".part");
            Files.writeString(partial, content + System.lineSeparator());
            Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // stopping anyway; a stale file is removed by infra/dev before the next start
        }
    }
}
