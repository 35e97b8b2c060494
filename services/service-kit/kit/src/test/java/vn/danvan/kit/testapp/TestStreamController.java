package vn.danvan.kit.testapp;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An event stream that ticks until its client goes away, like the statistics service's stream. */
@RestController
public class TestStreamController {

    /** Counted down when a stream's sender found its client gone. */
    public static volatile CountDownLatch clientGone = new CountDownLatch(1);

    @GetMapping("/test/dialogues/stream")
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(0L);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    emitter.send(SseEmitter.event().name("tick").data("tick"));
                    Thread.sleep(20);
                }
            } catch (IOException e) {
                clientGone.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return emitter;
    }
}
