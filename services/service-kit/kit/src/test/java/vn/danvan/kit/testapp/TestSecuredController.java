package vn.danvan.kit.testapp;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.security.UnitScope;

/** An inspector-only resource that lives in a unit, for the security tests. */
@RestController
class TestSecuredController {

    private final CurrentOfficer caller;
    private final UnitScope scope;

    TestSecuredController(CurrentOfficer caller, UnitScope scope) {
        this.caller = caller;
        this.scope = scope;
    }

    /** Public for GET only (the test's danvan.security.public-endpoints). */
    @GetMapping("/test/notices/{id}")
    String notice(@PathVariable String id) {
        return "notice " + id;
    }

    @GetMapping("/test/units/{unit}/secret")
    String secret(@PathVariable String unit) {
        Officer officer = caller.requireAny(Role.INSPECTOR);
        scope.require(officer, unit);
        return "secret of " + unit + " for " + officer.id();
    }
}
