package vn.danvan.kit.testapp;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Validated as feedback-intake's controllers are, by {@code @Validated} on the class (a proxy that throws constraint
 * violations), not by Spring MVC's own method validation.
 */
@RestController
@Validated
@RequestMapping("/test/dialogues/registrations")
class TestRegistrationController {

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    void register(
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 8, max = 100) String idempotencyKey,
            @RequestParam("seats") @Min(1) int seats) {}
}
