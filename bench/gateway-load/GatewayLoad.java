import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Load driver for the gateway (not a test): the same GET and POST sent through the gateway and straight to the
 * service (and, with {@code --floor}, through Spring Cloud Gateway with routes only: the framework's own cost), in
 * alternating phases of one run, by N closed-loop clients (each sends its next request when the last one answered).
 * Prints requests a second and p50/p99 latency per phase, with {@code --pids} the CPU each named process spent per
 * request, then the ratios. See bench/README.md.
 *
 * <p>Bounded: loopback targets only, at most 512 clients, 300 s per phase, 10 rounds.
 */
public final class GatewayLoad {

    private static final int MAX_CLIENTS = 512;
    private static final Duration MAX_PHASE = Duration.ofSeconds(300);
    private static final int MAX_ROUNDS = 10;

    private static final String[] DA_NANG_COMMUNES = {"20194", "20197", "20200", "20209", "20242", "20257"};
    private static final String[] KINDS = {"REPORT", "REPORT", "RECOMMENDATION", "OPINION"};

    record Phase(String scenario, String target, long ok, long errors, long statusErrors429, double seconds,
            long p50Micros, long p99Micros, Map<String, Double> cpuMsPerRequest) {

        double rate() {
            return ok / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        if (o.containsKey("help")) {
            System.out.println(
                    """
                    java bench/gateway-load/GatewayLoad.java [--gateway http://127.0.0.1:8080]
                         [--statistics http://127.0.0.1:8084] [--feedback http://127.0.0.1:8083]
                         [--get-path '/api/v1/statistics/summary?unit=48&period=2026'] [--scenarios get,post]
                         [--clients 32] [--duration 10s] [--warmup 5s] [--rounds 2] [--token JWT]
                         [--floor http://127.0.0.1:8079] [--pids gateway=PID,statistics=PID,...]""");
            return;
        }
        URI gateway = loopback(o.getOrDefault("gateway", "http://127.0.0.1:8080"));
        URI statistics = loopback(o.getOrDefault("statistics", "http://127.0.0.1:8084"));
        URI feedback = loopback(o.getOrDefault("feedback", "http://127.0.0.1:8083"));
        String getPath = o.getOrDefault("get-path", "/api/v1/statistics/summary?unit=48&period=2026");
        List<String> scenarios = Arrays.asList(o.getOrDefault("scenarios", "get,post").split(","));
        int clients = bounded("clients", Integer.parseInt(o.getOrDefault("clients", "32")), 1, MAX_CLIENTS);
        Duration duration = duration(o.getOrDefault("duration", "10s"));
        Duration warmup = duration(o.getOrDefault("warmup", "5s"));
        int rounds = bounded("rounds", Integer.parseInt(o.getOrDefault("rounds", "2")), 1, MAX_ROUNDS);
        String token = o.get("token");
        URI floor = o.containsKey("floor") ? loopback(o.get("floor")) : null;
        Map<String, Long> pids = new LinkedHashMap<>();
        if (o.containsKey("pids")) {
            for (String named : o.get("pids").split(",")) {
                String[] kv = named.split("=", 2);
                pids.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        List<String> targets = floor == null ? List.of("gateway", "direct") : List.of("gateway", "floor", "direct");

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        String run = Long.toString(System.nanoTime(), 36);
        Map<String, LongFunction<HttpRequest>> requests = new LinkedHashMap<>();
        for (String scenario : scenarios) {
            for (String target : targets) {
                URI base = switch (target) {
                    case "gateway" -> gateway;
                    case "floor" -> floor;
                    default -> scenario.equals("get") ? statistics : feedback;
                };
                requests.put(scenario + "/" + target, switch (scenario) {
                    case "get" -> i -> get(base.resolve(getPath), token);
                    case "post" -> i -> post(base.resolve("/api/v1/feedback"), token, target, run, i);
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario);
                });
            }
        }
        System.out.printf(
                Locale.ROOT,
                "gateway-load: %d clients, %s a phase (%s warm-up each), %d rounds, scenarios %s%n",
                clients, duration, warmup, rounds, scenarios);
        List<Phase> phases = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, LongFunction<HttpRequest>> entry : requests.entrySet()) {
                String[] key = entry.getKey().split("/");
                phase(http, entry.getValue(), clients, warmup, Map.of()); // warm-up, not counted
                Phase phase = phase(http, entry.getValue(), clients, duration, pids);
                phase = new Phase(key[0], key[1], phase.ok, phase.errors, phase.statusErrors429, phase.seconds,
                        phase.p50Micros, phase.p99Micros, phase.cpuMsPerRequest);
                phases.add(phase);
                StringBuilder cpu = new StringBuilder();
                phase.cpuMsPerRequest.forEach((name, ms) ->
                        cpu.append(String.format(Locale.ROOT, "  %s %.3f", name, ms)));
                System.out.printf(
                        Locale.ROOT,
                        "round %d %-4s %-7s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  errors %d (429: %d)%s%n",
                        round, phase.scenario, phase.target, phase.rate(), phase.p50Micros / 1000.0,
                        phase.p99Micros / 1000.0, phase.errors, phase.statusErrors429,
                        cpu.isEmpty() ? "" : "  CPU ms/request:" + cpu);
                if (phase.statusErrors429 > 0) {
                    System.out.println("  429s: start the gateway with DANVAN_RATE_LIMIT_READ and"
                            + " DANVAN_RATE_LIMIT_SUBMIT raised (bench/gateway-load/run.sh says how)");
                }
            }
        }
        System.out.println("gateway / direct (medians over rounds):");
        for (String scenario : scenarios) {
            printRatio(phases, scenario, "gateway", "direct");
        }
        if (floor != null) {
            System.out.println("floor (Spring Cloud Gateway, routes only) / direct, and gateway / floor:");
            for (String scenario : scenarios) {
                printRatio(phases, scenario, "floor", "direct");
                printRatio(phases, scenario, "gateway", "floor");
            }
        }
        if (!pids.isEmpty()) {
            System.out.println("CPU ms per request (medians over rounds):");
            for (String scenario : scenarios) {
                for (String target : targets) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-4s %-7s", scenario, target));
                    for (String name : pids.keySet()) {
                        double ms = median(phases, scenario, target, p -> p.cpuMsPerRequest.getOrDefault(name, 0.0));
                        line.append(String.format(Locale.ROOT, "  %s %.3f", name, ms));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    private static void printRatio(List<Phase> phases, String scenario, String target, String baseline) {
        double rate = median(phases, scenario, target, Phase::rate);
        double baseRate = median(phases, scenario, baseline, Phase::rate);
        double p50 = median(phases, scenario, target, p -> p.p50Micros / 1000.0);
        double baseP50 = median(phases, scenario, baseline, p -> p.p50Micros / 1000.0);
        double p99 = median(phases, scenario, target, p -> p.p99Micros / 1000.0);
        double baseP99 = median(phases, scenario, baseline, p -> p.p99Micros / 1000.0);
        System.out.printf(
                Locale.ROOT,
                "  %-4s %s/%s throughput %.2fx (%.0f vs %.0f req/s); p50 %+.2f ms (%.2f vs %.2f); p99 %+.2f ms (%.2f vs %.2f)%n",
                scenario, target, baseline, rate / baseRate, rate, baseRate, p50 - baseP50, p50, baseP50,
                p99 - baseP99, p99, baseP99);
    }

    /** CPU time (user + system) a process has used so far, in ms; Linux's /proc only. */
    private static double cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime, in clock ticks (USER_HZ, 100 on Linux)
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot read the CPU time of process " + pid + ": " + e.getMessage());
        }
    }

    /** N clients, each looping request → answer until the phase ends; latencies of successful (2xx) answers. */
    private static Phase phase(HttpClient http, LongFunction<HttpRequest> requests, int clients, Duration length,
            Map<String, Long> pids) throws InterruptedException {
        Map<String, Double> cpuBefore = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpuBefore.put(name, cpuMillis(pid)));
        AtomicLong sequence = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong tooMany = new AtomicLong();
        java.util.concurrent.ConcurrentHashMap<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long start = System.nanoTime();
        long end = start + length.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                pool.submit(() -> {
                    long[] mine = new long[1024];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest request = requests.apply(sequence.getAndIncrement());
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                            long took = System.nanoTime() - sent;
                            if (response.statusCode() / 100 == 2) {
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = took / 1000;
                            } else {
                                errors.incrementAndGet();
                                failures.merge("HTTP " + response.statusCode(), 1L, Long::sum);
                                if (response.statusCode() == 429) {
                                    tooMany.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                        }
                    }
                    latencies[client] = mine;
                    counts[client] = n;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cpuAfter = new LinkedHashMap<>();
        pids.forEach((name, pid) -> cpuAfter.put(name, cpuMillis(pid)));
        if (!failures.isEmpty()) {
            failures.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(3)
                    .forEach(f -> System.out.printf("  failed %d x %s%n", f.getValue(), f.getKey()));
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        Map<String, Double> cpuPerRequest = new LinkedHashMap<>();
        cpuBefore.forEach((name, before) ->
                cpuPerRequest.put(name, total == 0 ? 0.0 : (cpuAfter.get(name) - before) / total));
        return new Phase("", "", total, errors.get(), tooMany.get(), seconds, percentile(all, 0.50),
                percentile(all, 0.99), cpuPerRequest);
    }

    private static HttpRequest get(URI uri, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    /** A web-form opinion, unique per request (duplicate detection does its full work on every one). */
    private static HttpRequest post(URI uri, String token, String target, String run, long i) {
        String body = ("{\"kind\":\"%s\",\"channel\":\"WEB\",\"subject\":\"Ý kiến %d qua %s (%s)\","
                        + "\"content\":\"Ý kiến số %d của lần chạy %s: đề nghị sửa đèn đường tổ %d.\","
                        + "\"category\":\"infrastructure\",\"location\":{\"communeCode\":\"%s\"}}")
                .formatted(KINDS[(int) (i % KINDS.length)], i, target, run, i, run, i % 97,
                        DA_NANG_COMMUNES[(int) (i % DA_NANG_COMMUNES.length)]);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.build();
    }

    private static double median(List<Phase> phases, String scenario, String target,
            java.util.function.ToDoubleFunction<Phase> value) {
        double[] values = phases.stream()
                .filter(p -> p.scenario.equals(scenario) && p.target.equals(target))
                .mapToDouble(value)
                .sorted()
                .toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static URI loopback(String url) throws Exception {
        URI uri = URI.create(url);
        if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
            throw new IllegalArgumentException("loopback targets only: " + url);
        }
        return uri;
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be within " + min + ".." + max);
        }
        return value;
    }

    private static Duration duration(String text) {
        Duration d = text.endsWith("ms")
                ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : text.endsWith("s") ? Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)))
                : Duration.ofSeconds(Long.parseLong(text));
        if (d.isNegative() || d.compareTo(MAX_PHASE) > 0) {
            throw new IllegalArgumentException("a phase lasts at most " + MAX_PHASE);
        }
        return d;
    }

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
}
