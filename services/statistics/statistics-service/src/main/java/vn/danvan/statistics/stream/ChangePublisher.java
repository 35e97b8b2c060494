package vn.danvan.statistics.stream;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.kit.outbox.OutboxEntry;
import vn.danvan.statistics.api.events.v1.StatisticsChanged;
import vn.danvan.statistics.figures.CounterIds;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.period.Period;
import vn.danvan.statistics.projection.FiguresChangedListener;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * Turns the counter documents a live batch changed into {@code StatisticsChanged} events, one per changed unit
 * carrying the new figures of each changed period, recorded in the outbox of its province's {@link StatisticsFeed} (key: the unit). A change of a unit's gauges only
 * (e.g. an item became overdue) is published for the periods containing today.
 */
class ChangePublisher implements FiguresChangedListener {

    private final MongoTemplate mongo;
    private final FigureReader figures;
    private final StatisticsUnits units;
    private final ChangeFeed feed;
    private final Clock clock;

    ChangePublisher(MongoTemplate mongo, FigureReader figures, StatisticsUnits units, ChangeFeed feed, Clock clock) {
        this.mongo = mongo;
        this.figures = figures;
        this.units = units;
        this.feed = feed;
        this.clock = clock;
    }

    @Override
    public void changed(Set<String> counterIds) {
        Instant now = clock.instant();
        Map<String, Set<String>> periodsByUnit = new LinkedHashMap<>();
        for (String id : counterIds) {
            String unit = CounterIds.unitOf(id);
            String period = CounterIds.periodOf(id);
            Set<String> periods = periodsByUnit.computeIfAbsent(unit, u -> new LinkedHashSet<>());
            if (CounterIds.NOW.equals(period)) {
                Period.containing(now).forEach(p -> periods.add(p.key()));
            } else {
                periods.add(period);
                // the half and 9 months summed from this quarter changed with it
                Period.parse(period).composedContaining().forEach(p -> periods.add(p.key()));
            }
        }
        List<String> ids = new ArrayList<>();
        periodsByUnit.forEach((unit, periods) -> {
            ids.add(CounterIds.now(unit));
            periods.forEach(p -> ids.add(CounterIds.of(unit, p)));
        });
        Map<String, Document> docs = figures.totals(ids);
        // one feed document per province: a batch touching hundreds of communes saves at most 34 documents; each
        // event keeps its unit as its key, so a unit's changes stay in order
        Map<String, List<StatisticsChanged>> byProvince = new LinkedHashMap<>();
        periodsByUnit.forEach((unit, periods) -> {
            List<StatisticsChanged.PeriodFigures> changes = new ArrayList<>();
            for (String period : periods) {
                changes.add(new StatisticsChanged.PeriodFigures(
                        period,
                        figures.figures(docs.get(CounterIds.of(unit, period)), docs.get(CounterIds.now(unit)))));
            }
            byProvince
                    .computeIfAbsent(units.chain(unit).getLast(), p -> new ArrayList<>())
                    .add(new StatisticsChanged(unit, changes, now));
        });
        byProvince.forEach((province, events) -> record(province, events, now));
    }

    private void record(String province, List<StatisticsChanged> events, Instant now) {
        for (int attempt = 1; ; attempt++) {
            StatisticsFeed stored = mongo.findById(province, StatisticsFeed.class);
            StatisticsFeed feed = stored == null ? new StatisticsFeed(province) : stored;
            feed.changedAt(now);
            feed.record(events);
            try {
                mongo.save(feed);
                deliverLocally(feed, events);
                return;
            } catch (OptimisticLockingFailureException | org.springframework.dao.DuplicateKeyException e) {
                // another replica published a change of the same unit meanwhile: record on the fresh copy
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * This instance's own stream clients get the changes now, not after the relay and the topic: the saved outbox
     * ends with the entries just recorded, whose event ids let the copies from the topic be skipped.
     */
    private void deliverLocally(StatisticsFeed saved, List<StatisticsChanged> events) {
        List<OutboxEntry> pending = saved.pendingEvents();
        if (pending.size() < events.size()) {
            return; // published already (not expected before the relay runs): the topic delivers them
        }
        List<OutboxEntry> recorded = pending.subList(pending.size() - events.size(), pending.size());
        List<Map.Entry<String, StatisticsChanged>> changes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            OutboxEntry entry = recorded.get(i);
            if (!events.get(i).aggregateId().equals(entry.subject())) {
                return; // not the entries of these events: the topic delivers them
            }
            changes.add(Map.entry(entry.eventId(), events.get(i)));
        }
        feed.deliverLocally(changes);
    }
}
