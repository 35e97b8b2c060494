package vn.danvan.statistics.stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.danvan.kit.web.ServiceUnavailableException;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.query.Params;
import vn.danvan.statistics.units.StatisticsUnits;

/** Server-Sent Events of a unit's subtree figures (public statistics, like the other read endpoints). */
@RestController
class FiguresStreamController {

    /** What the stream sends, for the API document (docs/statistics-api.md says the same). */
    private static final String EVENTS =
            """
            Server-Sent Events, open until the server's time limit (the browser then reconnects with Last-Event-ID). \
            Each change of a unit of the subtree, for each period containing its date, is an event `figures` whose \
            `id` is the resume token and whose `data` is \
            `{"unit": "...", "period": "...", "figures": {"<metric>": <number>, ...}}`; a comment `: heartbeat` \
            comes every 15 s (by default). Resuming with an id the replica no longer holds first sends the current \
            figures of every unit of the subtree for every period containing today.""";

    private static final String EXAMPLE =
            """
            : connected

            id: 6f1c2a-1042
            event: figures
            data: {"unit":"20194","period":"2026-07","figures":{"feedback.received":13,"feedback.pendingNow":4}}

            : heartbeat
            """;

    /** Streams end at their time limit or when their clients leave; a dashboard retries with its own back-off. */
    private static final Duration FULL_RETRY_AFTER = Duration.ofSeconds(30);

    /** A stopping instance refuses for good: the next try goes to another replica (or this one, restarted). */
    private static final Duration STOPPING_RETRY_AFTER = Duration.ofSeconds(1);

    private final ChangeFeed feed;
    private final StatisticsUnits units;
    private final FigureReader figures;
    private final Clock clock;
    private final Duration timeout;

    FiguresStreamController(
            ChangeFeed feed, StatisticsUnits units, FigureReader figures, Clock clock, Duration timeout) {
        this.feed = feed;
        this.units = units;
        this.figures = figures;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Operation(
            summary = "Live figures of a unit's subtree (text/event-stream)",
            description =
                    "Event `figures` per changed (unit, period); `: heartbeat` comments; resume with Last-Event-ID.")
    @GetMapping(path = "/api/v1/statistics/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = EVENTS,
            content =
                    @Content(
                            mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
                            schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "figures", value = EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "`not-found`: the statistics know no such unit")
    @ApiResponse(
            responseCode = "503",
            description = "`service-unavailable`: `code` `statistics.stream.full`, this instance has as many streams"
                    + " open as it allows (`danvan.statistics.stream.max-subscribers`), or `statistics.stream.stopping`,"
                    + " this instance is stopping (another one serves the stream); try again after `Retry-After`"
                    + " seconds")
    SseEmitter stream(
            @RequestParam String unit, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Params.unit(units, unit);
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        ChangeFeed.Subscriber subscriber = feed.subscriber(unit, emitter)
                .orElseThrow(() -> feed.closing() ? stopping() : full(feed.maxSubscribers()));
        try {
            return open(emitter, subscriber, lastEventId);
        } catch (RuntimeException e) {
            // the emitter never reached Spring MVC, so none of its callbacks will give the slot back
            feed.unsubscribe(subscriber);
            throw e;
        }
    }

    private SseEmitter open(SseEmitter emitter, ChangeFeed.Subscriber subscriber, String lastEventId) {
        emitter.onCompletion(() -> feed.unsubscribe(subscriber));
        // ending the stream at its time limit is normal: the browser reconnects with Last-Event-ID; left to the
        // container it would be an error, a 503 before the first byte (an EventSource then gives up) or a logged
        // failure to write a problem into a committed stream
        emitter.onTimeout(() -> {
            feed.unsubscribe(subscriber);
            emitter.complete();
        });
        emitter.onError(e -> feed.unsubscribe(subscriber));
        try {
            // commits the 200 text/event-stream at once, so the browser's EventSource opens without waiting for the
            // first change or heartbeat
            emitter.send(SseEmitter.event().comment(" connected"));
        } catch (IOException e) {
            feed.unsubscribe(subscriber);
            emitter.completeWithError(e);
            return emitter;
        }
        String snapshotId = feed.currentId();
        boolean resumed = feed.subscribe(subscriber, lastEventId);
        if (!resumed && lastEventId != null && !lastEventId.isBlank()) {
            snapshot(subscriber, snapshotId);
        }
        return emitter;
    }

    /**
     * This instance has as many streams open as it allows: expected under load, not a fault. The detail says so in the
     * caller's language, with the bound and when to retry.
     */
    private static ServiceUnavailableException full(int max) {
        return new ServiceUnavailableException(
                        "all " + max + " stream slots of this instance are taken", FULL_RETRY_AFTER)
                .because("statistics.stream.full", max, FULL_RETRY_AFTER.toSeconds());
    }

    /** This instance is stopping: its streams are being ended, and the client's next try reaches another one. */
    private static ServiceUnavailableException stopping() {
        return new ServiceUnavailableException("this instance is stopping", STOPPING_RETRY_AFTER)
                .because("statistics.stream.stopping");
    }

    /** The current figures of every unit of the subtree for every period containing today. */
    private void snapshot(ChangeFeed.Subscriber subscriber, String id) {
        List<Period> periods = Period.containing(clock.instant());
        List<String> subtree = units.subtree(subscriber.unit());
        List<String> ids = new ArrayList<>();
        for (String unit : subtree) {
            ids.add(CounterIds.now(unit));
            periods.forEach(p -> ids.add(CounterIds.of(unit, p.key())));
        }
        Map<String, Document> docs = figures.documents(ids);
        for (String unit : subtree) {
            for (Period period : periods) {
                Document counters = docs.get(CounterIds.of(unit, period.key()));
                Document now = docs.get(CounterIds.now(unit));
                if (counters != null || now != null) {
                    feed.sendFigures(subscriber, id, unit, period.key(), figures.figures(counters, now));
                }
            }
        }
    }
}
