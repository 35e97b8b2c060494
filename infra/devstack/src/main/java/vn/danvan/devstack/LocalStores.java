package vn.danvan.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MongoDB-compatible store per service for the local stack (mongo-java-server, H2 MVStore file backend, so
 * data survives a restart).
 *
 * <p>Four servers, four files, four ports, in one JVM: each service still talks to a database server of its own,
 * as it will in production, but one JVM costs one heap and one JIT instead of four.
 *
 * <p>Usage: {@code LocalStores --data-dir DIR [--host 127.0.0.1] [--store name=port ...] [--ready-file FILE]};
 * {@code --backend memory} keeps data in memory instead; without {@code --store} it starts the platform's four stores on 27017-27020.
 */
public final class LocalStores implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStores.class);

    static final List<Store> PLATFORM_STORES = List.of(
            new Store("models", 27017),
            new Store("dialogues", 27018),
            new Store("feedback", 27019),
            new Store("statistics", 27020));

    /** A store's name (also its file name) and the port it listens on; port 0 picks a free one. */
    record Store(String name, int port) {

        static Store parse(String spec) {
            int equals = spec.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "Kho phải có dạng tên=cổng / a store is given as name=port, got '" + spec + "'");
            }
            return new Store(spec.substring(0, equals), Integer.parseInt(spec.substring(equals + 1)));
        }

        Path file(Path dataDir) {
            return dataDir.resolve(name + ".mv.db");
        }
    }

    private final String host;
    private final Map<String, MongoServer> servers;

    private LocalStores(String host, Map<String, MongoServer> servers) {
        this.host = host;
        this.servers = servers;
    }

    static LocalStores start(String host, Path dataDir, List<Store> stores) throws IOException {
        return start(host, dataDir, stores, false);
    }

    /**
     * @param inMemory mongo-java-server's memory backend instead of H2 files: nothing survives a restart, but it is
     *     closer to a real MongoDB's speed here, so benchmarks run against both (DEV_STORE_BACKEND=memory)
     */
    static LocalStores start(String host, Path dataDir, List<Store> stores, boolean inMemory) throws IOException {
        Files.createDirectories(dataDir);
        Map<String, MongoServer> started = new LinkedHashMap<>();
        LocalStores localStores = new LocalStores(host, started);
        try {
            for (Store store : stores) {
                MongoServer server =
                        new MongoServer(inMemory ? new LocalMemoryBackend() : fileBackend(store.file(dataDir)));
                started.put(store.name(), server);
                server.bind(host, store.port());
                log.info(
                        "Kho '{}' / store '{}': mongodb://{}:{} ({})",
                        store.name(),
                        store.name(),
                        host,
                        localStores.port(store.name()),
                        store.file(dataDir));
            }
        } catch (RuntimeException e) {
            // a taken port or a locked file: do not leave the stores already opened holding their files
            localStores.close();
            throw e;
        }
        return localStores;
    }

    /**
     * The marker of a store file whose maps hold BSON ({@link H2BsonBackend}); a file without it, written before,
     * holds Java-serialized maps that only the untyped backend reads.
     */
    static final String FORMAT_MAP = "danvan.format";

    static final String BSON_MAPS = "bson-1";

    private static AbstractMongoBackend fileBackend(Path file) {
        MVStore.Builder builder = new MVStore.Builder()
                .fileName(file.toAbsolutePath().toString())
                // H2 writes pages on a thread of its own and otherwise keeps a failure there to itself
                .backgroundExceptionHandler((thread, e) -> log.error(
                        "Kho '{}' không ghi được / store file could not be written: {}", file.getFileName(), e, e));
        // H2's own default is 16 MB a store; the local stack's four share a 256 MB heap
        Integer cacheMegabytes = Integer.getInteger("danvan.store.cache-mb");
        if (cacheMegabytes != null) {
            builder.cacheSize(cacheMegabytes);
        }
        // H2 writes every page an update changed again, whole, at its next commit: with its default of 48 keys a
        // page, a duplicate detector's 16-32 bucket appends a submission rewrote hundreds of neighbours each second.
        // 12 keys a page took the feedback store 14-25 % less CPU at 250 items a second, and the statistics stream
        // the same time (bench/README.md, feedback-load, "Items on the H2 file store"); existing files are read as
        // they are
        builder.keysPerPage(Integer.getInteger("danvan.store.keys-per-page", 12));
        // how much changed data makes H2 write before its one-second commit (H2's default unless set): 256 MB
        // halved the items' median and doubled their p99, each commit writing more at once
        Integer commitBufferMegabytes = Integer.getInteger("danvan.store.commit-buffer-mb");
        if (commitBufferMegabytes != null) {
            builder.autoCommitBufferSize(commitBufferMegabytes * 1024);
        }
        MVStore store = builder.open();
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        if (BSON_MAPS.equals(format.get("maps"))) {
            return new H2BsonBackend(store);
        }
        if (store.getMapNames().equals(Set.of(FORMAT_MAP))) {
            format.put("maps", BSON_MAPS);
            store.commit();
            return new H2BsonBackend(store);
        }
        log.warn(
                "Kho '{}' ghi theo định dạng cũ, chậm hơn: dữ liệu vẫn đọc được; 'infra/dev up --reset' tạo kho mới"
                        + " / store file '{}' is in the old, slower format: its data stays readable;"
                        + " 'infra/dev up --reset' starts a new one",
                file.getFileName(),
                file);
        return new H2Backend(store);
    }

    int port(String store) {
        MongoServer server = servers.get(store);
        if (server == null) {
            throw new IllegalArgumentException("no store named " + store);
        }
        return server.getLocalAddress().getPort();
    }

    String connectionString(String store) {
        return "mongodb://" + host + ":" + port(store);
    }

    /** Stops listening and closes each store's file; closing is what flushes H2, so data survives. */
    @Override
    public void close() {
        List<MongoServer> toClose = new ArrayList<>(servers.values());
        servers.clear();
        for (MongoServer server : toClose) {
            try {
                server.shutdown();
            } catch (RuntimeException e) {
                log.warn("Không đóng được kho / could not close a store cleanly: {}", server, e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path dataDir = Path.of(options.get("data-dir", ".local/data/stores"));
        String host = options.get("host", "127.0.0.1");
        List<Store> stores = options.all("store").isEmpty()
                ? PLATFORM_STORES
                : options.all("store").stream().map(Store::parse).toList();
        ReadyFile ready = ReadyFile.at(options.get("ready-file", null));
        ready.clear();

        LocalStores localStores;
        try {
            String backend = options.get("backend", "h2");
            if (!backend.equals("h2") && !backend.equals("memory")) {
                throw new IllegalArgumentException("--backend h2|memory, not " + backend);
            }
            localStores = start(host, dataDir, stores, backend.equals("memory"));
        } catch (RuntimeException e) {
            log.error("Không khởi động được kho / stores failed to start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            ready.clear();
                            localStores.close();
                            log.info("Đã đóng các kho / stores closed");
                            stopped.countDown();
                        },
                        "local-stores-shutdown"));
        ready.mark(String.join(",", localStores.servers.keySet()));
        log.info("Các kho sẵn sàng / stores ready: {}", localStores.servers.keySet());
        stopped.await();
    }
}
