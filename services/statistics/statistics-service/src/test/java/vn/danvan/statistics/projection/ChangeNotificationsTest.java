package vn.danvan.statistics.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ChangeNotificationsTest {

    /** A listener that records what it is told and holds its first call until released. */
    static class HeldListener implements FiguresChangedListener {
        final List<Set<String>> told = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void changed(Set<String> counterIds) {
            told.add(Set.copyOf(counterIds));
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void theProjectorGoesOnWhileTheListenersWorkAndChangesMeanwhileAreToldTogether() throws Exception {
        HeldListener listener = new HeldListener();
        try (ChangeNotifications notifications =
                new ChangeNotifications(List.of(listener), 1_000, new SimpleMeterRegistry())) {
            notifications.changed(Set.of("48|2026", "48|2026-12"));
            assertThat(listener.entered.await(10, TimeUnit.SECONDS)).isTrue();

            // the listener is busy: these calls return at once and wait together
            notifications.changed(Set.of("20194|2026-12-03"));
            notifications.changed(Set.of("20194|2026-12-03", "48|now"));
            assertThat(notifications.pendingCount()).isEqualTo(2);

            listener.release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.told.size() == 2);
            assertThat(listener.told.get(0)).containsExactlyInAnyOrder("48|2026", "48|2026-12");
            assertThat(listener.told.get(1)).containsExactlyInAnyOrder("20194|2026-12-03", "48|now");
            assertThat(notifications.pendingCount()).isZero();
        }
    }

    @Test
    void aFailingListenerDoesNotStopLaterAnnouncementsNorTheOtherListeners() throws Exception {
        List<Set<String>> told = new CopyOnWriteArrayList<>();
        AtomicBoolean failed = new AtomicBoolean();
        FiguresChangedListener failing = ids -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("store down");
            }
        };
        try (ChangeNotifications notifications =
                new ChangeNotifications(List.of(failing, told::add), 1_000, new SimpleMeterRegistry())) {
            notifications.changed(Set.of("a|now"));
            await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 1);
            notifications.changed(Set.of("b|now"));
            await().atMost(Duration.ofSeconds(10)).until(() -> told.size() == 2);
            assertThat(told).containsExactly(Set.of("a|now"), Set.of("b|now"));
        }
    }

    @Test
    void theProjectorWaitsWhileMoreThanTheLimitWaits() throws Exception {
        HeldListener listener = new HeldListener();
        try (ChangeNotifications notifications =
                new ChangeNotifications(List.of(listener), 2, new SimpleMeterRegistry())) {
            notifications.changed(Set.of("first|now"));
            assertThat(listener.entered.await(10, TimeUnit.SECONDS)).isTrue();
            notifications.changed(Set.of("a|now", "b|now", "c|now"));

            CountDownLatch returned = new CountDownLatch(1);
            Thread projector = Thread.ofPlatform().start(() -> {
                try {
                    notifications.changed(Set.of("d|now"));
                    returned.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(returned.await(300, TimeUnit.MILLISECONDS)).isFalse();

            listener.release.countDown();
            assertThat(returned.await(10, TimeUnit.SECONDS)).isTrue();
            projector.join();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> listener.told.stream().anyMatch(ids -> ids.contains("d|now")));
        }
    }
}
