import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for feedback-intake (not a test): sustains a target request rate for a duration against a running
 * service on this machine, on a bare endpoint that does no work and on consultation comments, and reports
 * throughput, latency percentiles, errors and the ratio of each scenario to the bare endpoint measured in the same
 * run. See bench/README.md.
 *
 * <p>Open loop: request i is due at start + i/rate, whatever happened to earlier ones. A request whose turn comes
 * while {@code --concurrency} requests are already in flight is not sent and counted as "dropped": the rate was not
 * sustained. Bounded: loopback only, at most 20,000 req/s, 1,024 in flight and 300 s per scenario.
 */
public final class FeedbackLoad {

    private static final int MAX_RATE = 20_000;
    private static final int MAX_CONCURRENCY = 1_024;
    private static final Duration MAX_DURATION = Duration.ofSeconds(300);

    /** Đà Nẵng and some of its wards: the consultation's unit and commenters' communes. */
    private static final String PROVINCE = "48";

    private static final String[] WARDS = {"20194", "20197", null, null};
    private static final String[] STANCES = {"AGREE", "AGREE", "AGREE", "DISAGREE", "PROPOSE_CHANGE"};
    private static final int ARTICLES = 12;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            System.out.println(
                    """
                    java bench/feedback-load/FeedbackLoad.java [--url http://127.0.0.1:8083] [--rate 500]
                         [--duration 20s] [--warmup 5s] [--concurrency 256] [--scenarios bare,item,comment] [--timeline true]
                         [--bare-path /api/v1/feedback/ping] [--tally-wait 60s] [--track-codes 500]
                    scenarios: bare (no work), item (a submission), comment (a consultation comment),
                    track (the citizen's public tracking page, GET /api/v1/feedback/track/{code}, of --track-codes
                    items submitted first; the store's other items are whatever earlier runs left)""");
            return;
        }
        URI base = URI.create(options.getOrDefault("url", "http://127.0.0.1:8083"));
        requireLoopback(base);
        int rate = bounded("rate", Integer.parseInt(options.getOrDefault("rate", "500")), 1, MAX_RATE);
        int concurrency =
                bounded("concurrency", Integer.parseInt(options.getOrDefault("concurrency", "256")), 1, MAX_CONCURRENCY);
        Duration duration = duration(options.getOrDefault("duration", "20s"));
        Duration warmup = duration(options.getOrDefault("warmup", "5s"));
        Duration tallyWait = duration(options.getOrDefault("tally-wait", "60s"));
        if (duration.compareTo(MAX_DURATION) > 0 || warmup.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("--duration and --warmup are at most " + MAX_DURATION.toSeconds() + "s");
        }
        String barePath = options.getOrDefault("bare-path", "/api/v1/feedback/ping");
        boolean timeline = Boolean.parseBoolean(options.getOrDefault("timeline", "false"));
        List<String> scenarios = Arrays.asList(options.getOrDefault("scenarios", "bare,item,comment").split(","));

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .executor(threads)
                    .build();
            System.out.printf(
                    Locale.ROOT,
                    "target %s, %d req/s for %ds after %ds warm-up, at most %d in flight, java %s, %d cores%n",
                    base,
                    rate,
                    duration.toSeconds(),
                    warmup.toSeconds(),
                    concurrency,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            Map<String, Result> results = new LinkedHashMap<>();
            for (String scenario : scenarios) {
                LongFunction<HttpRequest> requests =
                        switch (scenario.strip()) {
                            case "bare" -> i -> HttpRequest.newBuilder(base.resolve(barePath))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build();
                            case "comment" -> commentRequests(http, base);
                            case "item" -> itemRequests(base);
                            case "track" -> trackRequests(
                                    http, base, Integer.parseInt(options.getOrDefault("track-codes", "500")));
                            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                        };
                String name = scenario.strip();
                if (!warmup.isZero()) {
                    run(http, threads, requests, rate, concurrency, warmup);
                }
                Result result = run(http, threads, requests, rate, concurrency, duration);
                results.put(name, result);
                System.out.println(result.line(name));
                if (timeline) {
                    result.timeline().forEach(System.out::println);
                }
                if (name.equals("item") || name.equals("comment")) {
                    System.out.println(outboxDrained(http, base, tallyWait));
                }
                if (name.equals("comment") && !tallyWait.isZero()) {
                    System.out.println(tallyCatchUp(http, base, tallyWait));
                }
            }
            Result bare = results.get("bare");
            if (bare != null) {
                results.forEach((name, result) -> {
                    if (!name.equals("bare")) {
                        System.out.printf(
                                Locale.ROOT,
                                "%-8s / bare: throughput %.2f, p50 %.2f, p99 %.2f%n",
                                name,
                                result.perSecond() / bare.perSecond(),
                                result.percentile(50) / bare.percentile(50),
                                result.percentile(99) / bare.percentile(99));
                    }
                });
            }
        }
    }

    // --- scenarios ------------------------------------------------------------------------------------------------

    private static String consultationId;

    /** Opens a consultation as a province officer, then comments on its articles with every stance. */
    private static LongFunction<HttpRequest> commentRequests(HttpClient http, URI base) throws Exception {
        if (consultationId == null) {
            StringBuilder articles = new StringBuilder();
            for (int a = 1; a <= ARTICLES; a++) {
                articles.append(a > 1 ? "," : "")
                        .append("{\"id\":\"dieu-%d\",\"title\":\"Điều %d\"}".formatted(a, a));
            }
            String body =
                    """
                    {"title":"Dự thảo đo tải (bench/feedback-load)","unitCodes":["%s"],
                     "sections":[{"heading":"Chương I","articles":[%s]}],
                     "opensAt":"%s","closesAt":"%s"}"""
                            .formatted(
                                    PROVINCE,
                                    articles,
                                    Instant.now().minusSeconds(60),
                                    Instant.now().plus(Duration.ofDays(1)));
            HttpResponse<String> opened = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/consultations"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token(http, "danang.officer"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (opened.statusCode() != 201) {
                throw new IllegalStateException(
                        "could not open a consultation: " + opened.statusCode() + " " + opened.body());
            }
            Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(opened.body());
            if (!id.find()) {
                throw new IllegalStateException("no id in " + opened.body());
            }
            consultationId = id.group(1);
            System.out.println("consultation " + consultationId + " opened with " + ARTICLES + " articles");
        }
        URI comments = base.resolve("/api/v1/consultations/" + consultationId + "/comments");
        return i -> {
            String stance = STANCES[(int) (i % STANCES.length)];
            String ward = WARDS[(int) (i % WARDS.length)];
            String text = stance.equals("PROPOSE_CHANGE") || i % 3 == 0
                    ? "\"text\":\"Góp ý số %d: đề nghị làm rõ khoản 2 của điều này.\",".formatted(i)
                    : "";
            String body = "{\"articleId\":\"dieu-%d\",\"stance\":\"%s\",%s\"communeCode\":%s}"
                    .formatted(1 + i % ARTICLES, stance, text, ward == null ? "null" : "\"" + ward + "\"");
            return HttpRequest.newBuilder(comments)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        };
    }

    /**
     * Normal feedback items (reports, recommendations, opinions) from the public form, each unique so duplicate
     * detection does its full work, spread over Đà Nẵng's communes.
     */
    /** Every commune of Đà Nẵng (province 48): items spread over them as a city's would. */
    private static final String[] DA_NANG_COMMUNES = {"20194","20197","20200","20209","20242","20257","20260","20263","20275","20285","20305","20308","20314","20320","20332","20333","20335","20341","20350","20356","20364","20380","20392","20401","20410","20413","20434","20443","20455","20458","20467","20476","20485","20494","20500","20506","20515","20539","20542","20551","20557","20569","20575","20579","20587","20599","20611","20623","20635","20641","20650","20656","20662","20669","20695","20698","20704","20707","20710","20716","20722","20728","20734","20740","20752","20767","20770","20779","20791","20794","20818","20827","20836","20848","20854","20857","20875","20878","20900","20908","20920","20923","20929","20938","20941","20944","20950","20959","20965","20971","20977","20984","20992","21004"};

    private static LongFunction<HttpRequest> itemRequests(URI base) {
        URI items = base.resolve("/api/v1/feedback");
        String[] kinds = {"REPORT", "REPORT", "RECOMMENDATION", "OPINION"};
        String[] categories = {"infrastructure", "environment", "administrative-procedures", "social-policy"};
        String run = Long.toString(System.nanoTime(), 36);
        return i -> {
            String body = ("{\"kind\":\"%s\",\"channel\":\"WEB\",\"subject\":\"Phản ánh số %d (%s)\","
                            + "\"content\":\"Nội dung phản ánh %d của lần chạy %s: đèn đường khu dân cư tổ %d hỏng.\","
                            + "\"category\":\"%s\",\"location\":{\"communeCode\":\"%s\"}}")
                    .formatted(
                            kinds[(int) (i % kinds.length)],
                            i,
                            run,
                            i,
                            run,
                            i % 97,
                            categories[(int) (i % categories.length)],
                            DA_NANG_COMMUNES[(int) (i % DA_NANG_COMMUNES.length)]);
            return HttpRequest.newBuilder(items)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        };
    }

    /**
     * The public tracking page: first submits {@code codes} items (16 at a time) and keeps their tracking codes, then
     * looks them up in turn. What it costs depends on how many items the store holds: run it after an item run.
     */
    private static LongFunction<HttpRequest> trackRequests(HttpClient http, URI base, int codes) throws Exception {
        LongFunction<HttpRequest> items = itemRequests(base);
        List<String> trackingCodes = java.util.Collections.synchronizedList(new ArrayList<>());
        Pattern code = Pattern.compile("\"trackingCode\"\\s*:\\s*\"([^\"]+)\"");
        try (ExecutorService submitters = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < codes; i++) {
                long n = 1_000_000_000L + i;
                submitters.submit(() -> {
                    HttpResponse<String> receipt = http.send(items.apply(n), HttpResponse.BodyHandlers.ofString());
                    Matcher found = code.matcher(receipt.body());
                    if (receipt.statusCode() == 201 && found.find()) {
                        trackingCodes.add(found.group(1));
                    }
                    return null;
                });
            }
        }
        if (trackingCodes.isEmpty()) {
            throw new IllegalStateException("no item could be submitted to track");
        }
        System.out.println("tracking " + trackingCodes.size() + " items submitted for it");
        List<URI> pages = trackingCodes.stream()
                .map(c -> base.resolve("/api/v1/feedback/track/" + c))
                .toList();
        return i -> HttpRequest.newBuilder(pages.get((int) (i % pages.size())))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    /**
     * Whether the outbox relay kept up: the backlog gauge right after the run and how long until every accepted
     * event was published (backlog 0), from the service's Prometheus endpoint.
     */
    private static String outboxDrained(HttpClient http, URI base, Duration wait) throws Exception {
        HttpRequest scrape = HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).GET().build();
        Pattern gauge = Pattern.compile("(?m)^danvan_outbox_backlog\\{[^}]*\\} ([0-9.E]+)$");
        long start = System.nanoTime();
        Double first = null;
        while (System.nanoTime() - start < wait.toNanos()) {
            Matcher m = gauge.matcher(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
            double backlog = m.find() ? Double.parseDouble(m.group(1)) : -1;
            if (first == null) {
                first = backlog;
            }
            if (backlog == 0) {
                return String.format(
                        Locale.ROOT,
                        "outbox: %.0f aggregates pending at the end of the run, all published %.1f s later",
                        first,
                        (System.nanoTime() - start) / 1e9);
            }
            Thread.sleep(500);
        }
        return "outbox: " + first + " aggregates pending at the end, still pending after " + wait.toSeconds() + " s";
    }

    /** How long after the last accepted comment the summary counted all of them (the tally consumer's lag). */
    private static String tallyCatchUp(HttpClient http, URI base, Duration wait) throws Exception {
        long started = System.nanoTime();
        long deadline = started + wait.toNanos();
        Pattern total = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
        long expected = -1;
        long counted = -1;
        // every comment was answered 201 or an error before run() returned; count the stored ones via the summary
        // until it stops growing and equals the accepted number reported by the runs (warm-up included)
        while (System.nanoTime() < deadline) {
            HttpResponse<String> summary = http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/consultations/" + consultationId + "/summary"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = total.matcher(summary.body());
            counted = m.find() ? Long.parseLong(m.group(1)) : -1;
            expected = acceptedComments.get();
            if (counted == expected) {
                return String.format(
                        Locale.ROOT,
                        "tallies: all %d accepted comments counted %.1f s after the last one",
                        expected,
                        (System.nanoTime() - started) / 1e9);
            }
            Thread.sleep(100);
        }
        return "tallies: " + counted + " of " + expected + " accepted comments counted after " + wait.toSeconds() + " s";
    }

    private static final AtomicLong acceptedComments = new AtomicLong();

    // --- the open-loop driver -------------------------------------------------------------------------------------

    private static Result run(
            HttpClient http,
            ExecutorService threads,
            LongFunction<HttpRequest> requests,
            int rate,
            int concurrency,
            Duration duration)
            throws InterruptedException {
        long total = rate * duration.toSeconds();
        long[] latencies = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        long[] sentAt = new long[latencies.length];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(concurrency);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (!inFlight.tryAcquire()) {
                dropped.incrementAndGet();
                continue;
            }
            HttpRequest request = requests.apply(i);
            threads.execute(() -> {
                long sent = System.nanoTime();
                try {
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    long took = System.nanoTime() - sent;
                    int status = response.statusCode();
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    if (status >= 200 && status < 300) {
                        int slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = took;
                            sentAt[slot] = sent - start;
                        }
                        if (request.method().equals("POST")) {
                            acceptedComments.incrementAndGet();
                        }
                    } else {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    statuses.computeIfAbsent(-1, s -> new AtomicLong()).incrementAndGet();
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(concurrency); // every request answered
        inFlight.release(concurrency);
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = Math.min(recorded.get(), latencies.length);
        long[] ok = Arrays.copyOf(latencies, n);
        Arrays.sort(ok);
        return new Result(total, ok, errors.get(), dropped.get(), seconds, new LinkedHashMap<>(statuses),
                timeline(Arrays.copyOf(sentAt, n), Arrays.copyOf(latencies, n), (int) Math.ceil(seconds)));
    }

    /**
     * Per second of the run (by send time): answers, the slowest, and how many took over 50 ms. Shows whether the
     * tail is spread evenly or comes in stalls (a pause, a periodic job), which percentiles alone cannot tell.
     */
    private static List<String> timeline(long[] sentAt, long[] latencies, int seconds) {
        long[] count = new long[seconds + 1];
        long[] slowest = new long[seconds + 1];
        long[] over50 = new long[seconds + 1];
        for (int i = 0; i < sentAt.length; i++) {
            int second = (int) Math.min(seconds, sentAt[i] / 1_000_000_000L);
            count[second]++;
            slowest[second] = Math.max(slowest[second], latencies[i]);
            if (latencies[i] > 50_000_000L) {
                over50[second]++;
            }
        }
        List<String> lines = new ArrayList<>();
        for (int second = 0; second <= seconds; second++) {
            if (count[second] > 0) {
                lines.add(String.format(Locale.ROOT, "  second %3d: %5d answers, slowest %8.1f ms, over 50 ms %5d",
                        second, count[second], slowest[second] / 1e6, over50[second]));
            }
        }
        return lines;
    }

    record Result(
            long planned,
            long[] sortedNanos,
            long errors,
            long dropped,
            double seconds,
            Map<Integer, AtomicLong> statuses,
            List<String> timeline) {

        double perSecond() {
            return sortedNanos.length / seconds;
        }

        /** Milliseconds. */
        double percentile(double p) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }

        String line(String name) {
            return String.format(
                    Locale.ROOT,
                    "%-8s planned %d, ok %d, errors %d, dropped %d: %.0f req/s; latency ms p50 %.2f, p99 %.2f,"
                            + " max %.2f; statuses %s",
                    name,
                    planned,
                    sortedNanos.length,
                    errors,
                    dropped,
                    perSecond(),
                    percentile(50),
                    percentile(99),
                    percentile(100),
                    statuses);
        }
    }

    // --- options --------------------------------------------------------------------------------------------------

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("help")) {
                options.put(name, "");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static void requireLoopback(URI base) throws Exception {
        for (InetAddress address : InetAddress.getAllByName(base.getHost())) {
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("only loopback targets: " + base + " resolves to " + address);
            }
        }
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max);
        }
        return value;
    }

    private static Duration duration(String text) {
        if (!text.matches("\\d+s")) {
            throw new IllegalArgumentException("durations are given in seconds, e.g. 20s: " + text);
        }
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
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
