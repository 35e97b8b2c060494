package vn.danvan.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for the local stack: KRaft combined mode (broker and controller in this one JVM), bound to
 * 127.0.0.1 only, storage under a data directory that survives restarts. On first start it formats the storage with
 * a cluster id it keeps in that directory; once the broker is up it creates the platform's topics that are missing.
 *
 * <p>Usage: {@code LocalKafka --data-dir DIR [--host 127.0.0.1] [--port 9092] [--controller-port 9093]
 * [--partitions 6] [--topic name ...] [--ready-file FILE]}; without {@code --topic} it creates the platform's four.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    static final List<String> PLATFORM_TOPICS =
            List.of("danvan.models.v1", "danvan.dialogues.v1", "danvan.feedback.v1", "danvan.statistics.v1");

    record Settings(Path dataDir, String host, int port, int controllerPort, int partitions, List<String> topics) {

        static Settings from(Options options) {
            List<String> topics = options.all("topic").isEmpty() ? PLATFORM_TOPICS : options.all("topic");
            return new Settings(
                    Path.of(options.get("data-dir", ".local/data/kafka")),
                    options.get("host", "127.0.0.1"),
                    options.getInt("port", 9092),
                    options.getInt("controller-port", 9093),
                    options.getInt("partitions", 6),
                    topics);
        }

        String bootstrapServers() {
            return host + ":" + port;
        }

        Path logDir() {
            return dataDir.resolve("kraft-logs");
        }
    }

    private final Settings settings;
    private final KafkaRaftServer server;

    private LocalKafka(Settings settings, KafkaRaftServer server) {
        this.settings = settings;
        this.server = server;
    }

    static LocalKafka start(Settings settings) throws IOException, InterruptedException {
        Files.createDirectories(settings.dataDir());
        Properties properties = serverProperties(settings);
        Path propertiesFile = settings.dataDir().resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(propertiesFile)) {
            properties.store(out, "written by LocalKafka at each start (infra/dev); edit LocalKafka, not this file");
        }
        if (!Files.exists(settings.logDir().resolve("meta.properties"))) {
            format(propertiesFile, clusterId(settings.dataDir()));
        }

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        LocalKafka kafka = new LocalKafka(settings, server);
        try {
            server.startup();
            kafka.createMissingTopics();
        } catch (RuntimeException | InterruptedException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** The broker's configuration: one node, replication factors and min ISR 1, nothing listening beyond host. */
    static Properties serverProperties(Settings settings) {
        String host = settings.host();
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@" + host + ":" + settings.controllerPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty(
                "listeners",
                "PLAINTEXT://" + host + ":" + settings.port() + ",CONTROLLER://" + host + ":"
                        + settings.controllerPort());
        p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + settings.port());
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", settings.logDir().toAbsolutePath().toString());
        p.setProperty("num.partitions", Integer.toString(settings.partitions()));
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // the defaults (50 partitions each) make the first consumer group join slow on a laptop for no benefit
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.num.partitions", "10");
        // consumers join at once instead of waiting 3 s for more members that will not come
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    /** The cluster id kept in the data directory, created on first start. */
    static String clusterId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator());
        return id;
    }

    private static void format(Path propertiesFile, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(
                    new String[] {
                        "format", "--cluster-id", clusterId, "--config", propertiesFile.toString(), "--ignore-formatted"
                    },
                    out);
        }
        String printed = output.toString(StandardCharsets.UTF_8).strip();
        if (exitCode != 0) {
            throw new IllegalStateException(
                    "Không định dạng được thư mục Kafka / formatting Kafka storage failed: " + printed);
        }
        log.info("Đã định dạng lưu trữ Kafka / formatted Kafka storage (cluster {}): {}", clusterId, printed);
    }

    private void createMissingTopics() throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = settings.topics().stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, settings.partitions(), (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                log.info(
                        "Đã tạo chủ đề / created topics: {} ({} partitions)",
                        missing.stream().map(NewTopic::name).toList(),
                        settings.partitions());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Không tạo được chủ đề / could not create topics", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka không trả lời / Kafka did not answer within 30 s", e);
        }
    }

    String bootstrapServers() {
        return settings.bootstrapServers();
    }

    void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    public static void main(String[] args) {
        Options options = Options.parse(args);
        Settings settings = Settings.from(options);
        ReadyFile ready = ReadyFile.at(options.get("ready-file", null));
        ready.clear();

        LocalKafka kafka;
        try {
            kafka = start(settings);
        } catch (Exception e) {
            log.error("Kafka không khởi động được / Kafka failed to start: {}", e.getMessage(), e);
            // the broker's own threads would keep a half-started JVM alive
            System.exit(1);
            return;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            ready.clear();
                            kafka.close();
                            log.info("Kafka đã dừng / Kafka stopped");
                        },
                        "local-kafka-shutdown"));
        ready.mark(kafka.bootstrapServers());
        log.info(
                "Kafka sẵn sàng / Kafka ready at {}; topics {}, data in {}",
                kafka.bootstrapServers(),
                settings.topics(),
                settings.dataDir().toAbsolutePath());
        kafka.awaitShutdown();
    }
}
