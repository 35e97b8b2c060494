package vn.danvan.feedback.identity;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.feedback.text.PlainText;
import vn.danvan.feedback.text.VisibleText;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.kit.web.NotFoundException;

/**
 * The only way out of the vault: inspectors, for items of their own unit's subtree, each read with a reason and
 * recorded. Checks run in the order that discloses least: the caller and role (401, 403), the reason (400), then
 * the scope, where an item outside it answers 404 exactly like one that does not exist.
 */
@RestController
@RequestMapping("/api/v1/feedback/{id}/identity")
class IdentityController {

    private static final Logger log = LoggerFactory.getLogger(IdentityController.class);

    private final IdentityVault vault;
    private final CurrentOfficer officers;
    private final UnitScope scope;
    private final ObjectProvider<FeedbackUnitLookup> units;
    private final Validator validator;

    IdentityController(
            IdentityVault vault,
            CurrentOfficer officers,
            UnitScope scope,
            ObjectProvider<FeedbackUnitLookup> units,
            Validator validator) {
        this.vault = vault;
        this.officers = officers;
        this.scope = scope;
        this.units = units;
        this.validator = validator;
        if (units.getIfAvailable() == null) {
            log.warn("No FeedbackUnitLookup bean: every identity request answers 404 until one is provided");
        }
    }

    @GetMapping
    ResponseEntity<DenouncerIdentity> identity(
            @PathVariable String id, @RequestParam(name = "reason", required = false) String reason) {
        Officer inspector = officers.requireAny(Role.INSPECTOR);
        ReadRequest request = validated(new ReadRequest(reason));
        requireScope(inspector, id);
        DenouncerIdentity identity = vault.open(id, inspector, request.reason());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(identity);
    }

    @GetMapping("/reads")
    ResponseEntity<ReadTrail> reads(@PathVariable String id) {
        Officer inspector = officers.requireAny(Role.INSPECTOR);
        requireScope(inspector, id);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ReadTrail(id, vault.reads(id)));
    }

    private void requireScope(Officer inspector, String feedbackId) {
        FeedbackUnitLookup lookup = units.getIfAvailable();
        String unit = lookup == null
                ? null
                : lookup.responsibleUnit(feedbackId)
                        .orElseThrow(() -> new NotFoundException("no feedback " + feedbackId));
        scope.require(inspector, unit);
    }

    private ReadRequest validated(ReadRequest request) {
        Set<ConstraintViolation<ReadRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** The query of a read; validated by hand so that a caller without the role learns nothing from a 400. */
    record ReadRequest(
            @NotBlank @VisibleText @PlainText(multiline = true) @Size(max = IdentityVault.MAX_REASON_LENGTH)
                    String reason) {}

    /** The audit trail of an item's identity, oldest read first. */
    record ReadTrail(String feedbackId, List<IdentityRead> reads) {}
}
