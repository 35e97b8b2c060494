import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load driver for statistics (not a test), see bench/README.md. Against a statistics service and its broker on this
 * machine: loads feedback events over the 3,321 communes (CloudEvents binary mode, as feedback-intake's relay
 * writes them), waits for the projector, measures summary and breakdown latency for a commune and a province, the
 * raw rate of a plain consumer reading the topic, the rebuild rate, and the SSE delivery latency at a target rate.
 */
public final class StatisticsLoad {

    private static final String TOPIC = "danvan.feedback.v1";
    private static final String[] KINDS = {"OPINION", "RECOMMENDATION", "REPORT", "COMPLAINT", "DENUNCIATION"};
    private static final String[] CHANNELS = {"WEB", "APP", "HOTLINE", "LETTER", "RECEPTION"};
    private static final String[] CATEGORIES = {"land", "environment", "infrastructure", "social-policy", "other"};
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        URI base = URI.create(options.getOrDefault("url", "http://127.0.0.1:8084"));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        requireLoopback(base.getHost());
        requireLoopback(bootstrap.substring(0, bootstrap.lastIndexOf(':')));
        int events = Math.min(Integer.parseInt(options.getOrDefault("events", "1000000")), 2_000_000);
        // a consultation's comments on the same stream, mixed in: statistics counts none of them
        int comments = Math.min(Integer.parseInt(options.getOrDefault("comments", "0")), 2_000_000);
        int queries = Integer.parseInt(options.getOrDefault("queries", "1000"));
        int sseRate = Math.min(Integer.parseInt(options.getOrDefault("sse-rate", "1000")), 5_000);
        Duration sseDuration = Duration.parse("PT" + options.getOrDefault("sse-duration", "20s").toUpperCase());
        String backend = options.getOrDefault("backend", "unknown");
        Path communesFile = Path.of(options.getOrDefault(
                "communes", "services/service-kit/kit/src/main/resources/danvan/units/communes.tsv"));
        List<String[]> communes = communes(communesFile);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf("statistics bench: %,d events over %,d communes%s, store backend %s%n", events, communes.size(),
                comments == 0 ? "" : String.format(" and %,d consultation comments mixed in", comments), backend);

        // live: the live projector counts the loaded events (end-to-end projection rate); rebuild: a rebuild counts
        // them right after the load (how a deployment imports years of history), the live projector then only skips
        String populate = options.getOrDefault("populate", "live");
        // false: the service runs without its live projector (auto-startup=false), as while importing history that a
        // rebuild counts: nothing to wait for, and no stream phase
        boolean liveProjector = Boolean.parseBoolean(options.getOrDefault("live-projector", "true"));
        if (!liveProjector && !populate.equals("rebuild")) {
            throw new IllegalArgumentException("--live-projector false needs --populate rebuild: nothing else counts the events");
        }
        boolean rebuilt = false;
        double raw = -1;
        if (!options.containsKey("skip-load")) {
            long start = System.nanoTime();
            long produced = load(bootstrap, communes, events, comments);
            System.out.printf("load: %,d events produced in %.1f s%n", produced, seconds(start));
            if (populate.equals("rebuild")) {
                raw = rawConsumerRate(bootstrap);
                System.out.printf("raw consumer: %,.0f events/s (plain KafkaConsumer, whole topic)%n", raw);
                double rebuild = rebuild(http, base);
                System.out.printf("rebuild: %,.0f events/s = %.2fx the raw consumer (%s)%n", rebuild, rebuild / raw, backend);
                rebuilt = true;
            }
            if (liveProjector) {
                long waitStart = System.nanoTime();
                waitForLag(bootstrap, "statistics", Duration.ofMinutes(60));
                System.out.printf("projection: caught up %.1f s after the last event was produced (%,.0f events/s end to end, %s%s)%n",
                        seconds(waitStart), produced / seconds(start), backend,
                        rebuilt ? "; the rebuild counted them, the live projector skipped them" : "");
            } else {
                System.out.printf("projection: the service's live projector is not running (--live-projector false); the rebuild counted the events (%s)%n", backend);
            }
        }

        String commune = "20209";
        String province = "48";
        int year = LocalDate.now(VIETNAM).getYear();
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("summary commune", "/api/v1/statistics/summary?unit=" + commune + "&period=" + year + "&compare=previous");
        paths.put("summary province", "/api/v1/statistics/summary?unit=" + province + "&period=" + year + "&compare=previous");
        paths.put("breakdown commune by kind", "/api/v1/statistics/breakdown?unit=" + commune + "&period=" + year + "&by=kind");
        paths.put("breakdown province by child", "/api/v1/statistics/breakdown?unit=" + province + "&period=" + year + "&by=child");
        // periods summed from stored ones when read (a term from 5 years, the first 9 months from 3 quarters)
        String term = "term:" + (year / 5 * 5) + "-" + (year / 5 * 5 + 5);
        paths.put("summary province term", "/api/v1/statistics/summary?unit=" + province + "&period=" + term + "&compare=previous");
        paths.put("breakdown province by child 9M", "/api/v1/statistics/breakdown?unit=" + province + "&period=" + year + "-9M&by=child");
        paths.put("breakdown province by child term", "/api/v1/statistics/breakdown?unit=" + province + "&period=" + term + "&by=child");
        for (Map.Entry<String, String> query : paths.entrySet()) {
            for (int i = 0; i < Math.max(50, queries / 5); i++) {
                get(http, base, query.getValue()); // warm-up
            }
            long[] nanos = new long[queries];
            for (int i = 0; i < queries; i++) {
                long t = System.nanoTime();
                get(http, base, query.getValue());
                nanos[i] = System.nanoTime() - t;
            }
            Arrays.sort(nanos);
            System.out.printf("query %-34s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d sequential requests, %s)%n",
                    query.getKey(), ms(nanos[nanos.length / 2]), ms(nanos[(int) (nanos.length * 0.99)]),
                    ms(nanos[nanos.length - 1]), queries, backend);
        }

        if (!rebuilt && !options.containsKey("skip-rebuild")) {
            raw = rawConsumerRate(bootstrap);
            System.out.printf("raw consumer: %,.0f events/s (plain KafkaConsumer, whole topic)%n", raw);
            double rebuild = rebuild(http, base);
            System.out.printf("rebuild: %,.0f events/s = %.2fx the raw consumer (%s)%n", rebuild, rebuild / raw, backend);
        }
        if (sseRate > 0 && liveProjector) {
            sse(http, base, bootstrap, communes, province, sseRate, sseDuration, backend,
                    Boolean.parseBoolean(options.getOrDefault("sse-timeline", "false")),
                    Math.min(Integer.parseInt(options.getOrDefault("sse-stalled", "0")), 100));
        }
    }

    // --- load ---

    private static long load(String bootstrap, List<String[]> communes, int events, int comments) throws Exception {
        Random random = new Random(42);
        Random mix = new Random(7);
        LocalDate first = LocalDate.now(VIETNAM).minusYears(2);
        int days = (int) (LocalDate.now(VIETNAM).toEpochDay() - first.toEpochDay());
        long produced = 0;
        int commentsLeft = comments;
        String consultation = UUID.randomUUID().toString();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            ArrayDeque<String[]> open = new ArrayDeque<>();
            while (produced < events + comments) {
                long feedbackLeft = events + comments - produced - commentsLeft;
                if (commentsLeft > 0 && mix.nextLong(feedbackLeft + commentsLeft) < commentsLeft) {
                    String id = UUID.randomUUID().toString();
                    String[] commune = communes.get(mix.nextInt(communes.size()));
                    send(producer, "ConsultationCommentReceived", id, comment(id, consultation, mix.nextInt(12), commune[0]));
                    commentsLeft--;
                    produced++;
                    continue;
                }
                // two thirds receptions, one third answers of earlier ones (each lifecycle event counts as one)
                if (open.isEmpty() || random.nextInt(3) != 0) {
                    String[] commune = communes.get(random.nextInt(communes.size()));
                    String id = UUID.randomUUID().toString();
                    Instant at = first.plusDays(random.nextInt(days)).atStartOfDay(VIETNAM).toInstant()
                            .plusSeconds(random.nextInt(86_400));
                    String kind = KINDS[random.nextInt(KINDS.length)];
                    String channel = CHANNELS[random.nextInt(CHANNELS.length)];
                    String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                    send(producer, "FeedbackReceived", id, received(id, kind, channel, category, commune[0], at));
                    open.add(new String[] {id, kind, channel, category, commune[0], at.toString()});
                } else {
                    String[] item = open.poll();
                    Instant at = Instant.parse(item[5]).plus(Duration.ofDays(1 + random.nextInt(10)));
                    send(producer, "FeedbackAnswered", item[0], answered(item, at, random.nextInt(5) != 0, 1 + random.nextInt(8)));
                }
                produced++;
            }
            producer.flush();
        }
        return produced;
    }

    private static String received(String id, String kind, String channel, String category, String unit, Instant at) {
        return "{\"feedbackId\":\"" + id + "\",\"kind\":\"" + kind + "\",\"channel\":\"" + channel + "\",\"category\":\""
                + category + "\",\"unitCode\":\"" + unit + "\",\"occurredAt\":\"" + at + "\",\"communeCode\":\"" + unit
                + "\",\"deadline\":null,\"duplicateOf\":null,\"dialogueRecommendationId\":null,\"consultationId\":null,\"modelId\":null}";
    }

    private static String comment(String id, String consultation, int article, String commune) {
        return "{\"commentId\":\"" + id + "\",\"consultationId\":\"" + consultation + "\",\"articleId\":\"dieu-" + (article + 1)
                + "\",\"stance\":\"AGREE\",\"communeCode\":\"" + commune + "\",\"channel\":\"APP\",\"receivedAt\":\""
                + Instant.now() + "\"}";
    }

    private static String answered(String[] item, Instant at, boolean onTime, int days) {
        return "{\"feedbackId\":\"" + item[0] + "\",\"kind\":\"" + item[1] + "\",\"channel\":\"" + item[2]
                + "\",\"category\":\"" + item[3] + "\",\"unitCode\":\"" + item[4] + "\",\"occurredAt\":\"" + at
                + "\",\"deadline\":null,\"onTime\":" + onTime + ",\"workingDaysTaken\":" + days + "}";
    }

    private static void send(KafkaProducer<String, byte[]> producer, String type, String key, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, key, json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_source", "/danvan/feedback-intake");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_type", "vn.danvan.feedback." + type + ".v1");
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_subject", key);
        header(record, "content-type", "application/json");
        producer.send(record);
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Waits until the group has committed the end of every partition. */
    private static void waitForLag(String bootstrap, String group, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (PartitionInfo p : partitions(bootstrap)) {
                    latest.put(new TopicPartition(TOPIC, p.partition()), OffsetSpec.latest());
                }
                var ends = admin.listOffsets(latest).all().get();
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata c = committed.get(end.getKey());
                    lag += end.getValue().offset() - (c == null ? 0 : c.offset());
                }
                if (lag == 0) {
                    return;
                }
                Thread.sleep(500); // polling an external process, not an assertion
            }
        }
        throw new IllegalStateException("the projector did not catch up within " + timeout);
    }

    private static List<PartitionInfo> partitions(String bootstrap) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            return consumer.partitionsFor(TOPIC, Duration.ofSeconds(10));
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static double rawConsumerRate(String bootstrap) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            long start = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    count += record.value().length > 0 ? 1 : 0;
                }
            }
            return count / seconds(start);
        }
    }

    private static double rebuild(HttpClient http, URI base) throws Exception {
        String admin = token(http, "admin");
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/statistics/rebuild"))
                        .header("Authorization", "Bearer " + admin)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild: " + started.statusCode() + " " + started.body());
        }
        String job = field(started.body(), "jobId");
        while (true) {
            Thread.sleep(1000); // polling the job's progress
            HttpResponse<String> polled = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/statistics/rebuild/" + job))
                            .header("Authorization", "Bearer " + admin)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (polled.statusCode() == 401) {
                admin = token(http, "admin"); // a rebuild of a million events outlasts the token
                continue;
            }
            if (polled.statusCode() != 200) {
                throw new IllegalStateException("rebuild job " + job + ": " + polled.statusCode() + " " + polled.body());
            }
            String body = polled.body();
            String status = field(body, "status");
            if ("DONE".equals(status)) {
                System.out.println("rebuild job: " + body);
                return Double.parseDouble(number(body, "ratePerSecond"));
            }
            if ("FAILED".equals(status)) {
                throw new IllegalStateException("rebuild failed: " + body);
            }
        }
    }

    // --- SSE ---

    private static void sse(HttpClient http, URI base, String bootstrap, List<String[]> communes, String province,
            int rate, Duration duration, String backend, boolean timeline, int stalled) throws Exception {
        List<String> wards = communes.stream().filter(c -> c[1].equals(province)).map(c -> c[0]).toList();
        String today = LocalDate.now(VIETNAM).toString();
        Map<String, Long> counted = new ConcurrentHashMap<>();
        for (String ward : wards) {
            counted.put(ward, Long.parseLong(number(get(http, base,
                    "/api/v1/statistics/summary?unit=" + ward + "&period=" + today), "value")));
        }
        Map<String, ArrayDeque<Long>> sent = new ConcurrentHashMap<>();
        wards.forEach(w -> sent.put(w, new ArrayDeque<>()));
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        // per second of the run (by send time): deliveries and the slowest, to tell stalls from a steady delay
        long[] perSecond = new long[(int) duration.toSeconds() + 2];
        long[] slowest = new long[perSecond.length];
        java.util.concurrent.atomic.AtomicLong started = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        AtomicBoolean done = new AtomicBoolean();
        // clients that open the stream and never read it (a phone gone into a tunnel): they must not hold up the others
        List<java.net.Socket> stalledClients = new ArrayList<>();
        for (int i = 0; i < stalled; i++) {
            java.net.Socket socket = new java.net.Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()));
            socket.getOutputStream().write(("GET /api/v1/statistics/stream?unit=" + province + " HTTP/1.1\r\nHost: "
                            + base.getHost() + "\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            stalledClients.add(socket);
        }
        HttpResponse<java.io.InputStream> stream = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/statistics/stream?unit=" + province))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        Pattern figures = Pattern.compile("\"unit\":\"(\\d+)\",\"period\":\"" + today + "\".*?\"feedback.received\":(\\d+)");
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while (!done.get() && (line = lines.readLine()) != null) {
                    Matcher m = figures.matcher(line);
                    if (line.startsWith("data:") && m.find() && sent.containsKey(m.group(1))) {
                        long now = System.nanoTime();
                        long received = Long.parseLong(m.group(2));
                        ArrayDeque<Long> queue = sent.get(m.group(1));
                        synchronized (queue) {
                            while (counted.get(m.group(1)) < received && !queue.isEmpty()) {
                                long sentAt = queue.poll();
                                latencies.add(now - sentAt);
                                int second = (int) Math.max(0, Math.min(perSecond.length - 1,
                                        (sentAt - started.get()) / 1_000_000_000L));
                                synchronized (perSecond) {
                                    perSecond[second]++;
                                    slowest[second] = Math.max(slowest[second], now - sentAt);
                                }
                                counted.merge(m.group(1), 1L, Long::sum);
                            }
                        }
                    }
                }
            } catch (Exception e) {
                // closed at the end
            }
        });
        Thread.sleep(1000); // let the subscription settle before measuring
        Random random = new Random(7);
        long total = rate * duration.toSeconds();
        long start = System.nanoTime();
        started.set(start);
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // open-loop pacing of the producer
                }
                String ward = wards.get(random.nextInt(wards.size()));
                String id = UUID.randomUUID().toString();
                ArrayDeque<Long> queue = sent.get(ward);
                synchronized (queue) {
                    queue.add(System.nanoTime());
                }
                send(producer, "FeedbackReceived", id, received(id, "REPORT", "WEB", "other", ward, Instant.now()));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (latencies.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(200); // waiting for the stream to drain
        }
        done.set(true);
        stream.body().close();
        for (java.net.Socket socket : stalledClients) {
            socket.close();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println("sse: no change delivered");
            return;
        }
        System.out.printf("sse: %,d/%,d events seen at %d/s for %s%s: p50 %.0f ms  p99 %.0f ms  max %.0f ms (%s)%n",
                sorted.length, total, rate, duration,
                stalled > 0 ? ", " + stalled + " other client(s) never reading" : "",
                ms(sorted[sorted.length / 2]),
                ms(sorted[(int) (sorted.length * 0.99)]), ms(sorted[sorted.length - 1]), backend);
        if (timeline) {
            synchronized (perSecond) {
                for (int second = 0; second < perSecond.length; second++) {
                    if (perSecond[second] > 0) {
                        System.out.printf("sse second %3d: %5d delivered, slowest %5.0f ms%n",
                                second, perSecond[second], ms(slowest[second]));
                    }
                }
            }
        }
    }

    // --- helpers ---

    private static String get(HttpClient http, URI base, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":([-0-9.]+)").matcher(json);
        return m.find() ? m.group(1) : "0";
    }

    private static List<String[]> communes(Path file) throws Exception {
        List<String[]> communes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] columns = line.split("\t");
                communes.add(new String[] {columns[0], columns[1]});
            }
        }
        return communes;
    }

    private static void requireLoopback(String host) throws Exception {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback targets only: " + host);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    options.put(name, args[++i]);
                } else {
                    options.put(name, "true");
                }
            }
        }
        return options;
    }

    /**
     * A bearer token for a demo account of the local identity provider (infra/identity, docs/identity.md), by the
     * client-credentials grant; DANVAN_TOKEN_URL points elsewhere.
     */
    static String token(HttpClient http, String account) throws Exception {
        URI tokenUrl = URI.create(System.getenv().getOrDefault("DANVAN_TOKEN_URL", "http://127.0.0.1:9000/oauth2/token"));
        String basic = java.util.Base64.getEncoder()
                .encodeToString((account + ":demo-" + account).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(tokenUrl)
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("no token for " + account + " from " + tokenUrl + ": " + response.statusCode());
        }
        return token.group(1);
    }
}
