package vn.danvan.kit.testapp;

import jakarta.validation.Valid;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;

/** Validates at the service layer, as a service method called from an event consumer would. */
@Service
@Validated
public class TestDialogueService {

    private final TestStore store;

    TestDialogueService(TestStore store) {
        this.store = store;
    }

    public void register(@Valid DialogueRequest request) {
        store.store(request);
    }
}
