package vn.danvan.statistics.query;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.danvan.kit.security.CurrentOfficer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.security.UnitScope;
import vn.danvan.statistics.query.StatisticsQueries.Activity;
import vn.danvan.statistics.query.StatisticsQueries.By;
import vn.danvan.statistics.query.StatisticsQueries.Compare;
import vn.danvan.statistics.query.StatisticsQueries.Step;
import vn.danvan.statistics.units.StatisticsUnits;

/**
 * The statistics read API (docs/statistics-api.md). Figures are public statistics (counts per unit, never about a
 * person): no caller needed; split by kind, who is not staff sees denunciations only within complaints ({@link
 * PublicKinds}). The overdue list names feedback items, so it is an officer's, within their unit's scope (a unit
 * outside it answers 404, as in feedback-intake).
 */
@RestController
@RequestMapping("/api/v1/statistics")
class StatisticsController {

    // allowableValues: the constants of Compare, By, Step, Activity and Params.Lang, which the parameters take in any
    // case (Params.choose); StatisticsStartupTest keeps the two in step
    static final String FIGURES = "The figures";
    static final String UNKNOWN_UNIT = "`not-found`: the statistics know no such unit";

    private final StatisticsQueries queries;
    private final CurrentOfficer officers;
    private final UnitScope scope;

    StatisticsController(StatisticsQueries queries, CurrentOfficer officers, UnitScope scope) {
        this.queries = queries;
        this.officers = officers;
        this.scope = scope;
    }

    @Operation(
            summary =
                    "Headline figures of a unit for a period, optionally compared with the previous period or a year earlier")
    @GetMapping("/summary")
    @ApiResponse(responseCode = "200", description = FIGURES, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = UNKNOWN_UNIT)
    Views.Summary summary(
            @RequestParam String unit,
            @RequestParam String period,
            @Parameter(
                            description = "The period to compare with: the one before, or the same a year earlier",
                            schema = @Schema(allowableValues = {"previous", "year"}))
                    @RequestParam(required = false)
                    String compare) {
        return queries.summary(
                unit, Params.period(period), compare == null ? null : Params.choose("compare", compare, Compare.class));
    }

    @Operation(
            summary = "Figures by child unit, kind, channel, category or field",
            description = "Rows in a fixed order, never by value (a dashboard's rows stay in place): by child the unit"
                    + " tree's order (communes by code, then agencies), then the unit's own row, then the province's"
                    + " unattributed bucket; by kind and channel the contract's order of the enum values; by category"
                    + " (and field) ascending code order. Codes outside a fixed list follow it in code order, and"
                    + " \"none\" (not given) comes last. By kind, a caller who is not staff (anonymous, or a signed-in"
                    + " citizen) gets complaints and denunciations as one row, key `COMPLAINT_DENUNCIATION` (\"Khiếu"
                    + " nại, tố cáo\"), in COMPLAINT's place, and no COMPLAINT or DENUNCIATION row: a commune's count"
                    + " of denunciations could point to a denouncer (docs/statistics-api.md). Staff (any role but"
                    + " CITIZEN) get every kind on its own.")
    @GetMapping("/breakdown")
    @ApiResponse(responseCode = "200", description = FIGURES, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = UNKNOWN_UNIT)
    Views.Breakdown breakdown(
            @RequestParam String unit,
            @RequestParam String period,
            @Parameter(schema = @Schema(allowableValues = {"child", "kind", "channel", "category", "field"}))
                    @RequestParam
                    String by,
            @Parameter(
                            description = "Language of the labels; without it, Accept-Language",
                            schema = @Schema(allowableValues = {"vi", "en"}))
                    @RequestParam(required = false)
                    String lang,
            @RequestHeader(name = "Accept-Language", required = false) String language) {
        return queries.breakdown(
                unit,
                Params.period(period),
                Params.choose("by", by, By.class),
                english(lang, language),
                PublicKinds.seesEveryKind(officers.current()));
    }

    @Operation(
            summary = "Figures of each day, month or quarter of a period",
            description = "Each point's `byKind` holds the kinds counted in that step. For a caller who is not staff"
                    + " (anonymous, or a signed-in citizen) complaints and denunciations are one slice,"
                    + " `COMPLAINT_DENUNCIATION`, with no COMPLAINT or DENUNCIATION slice (docs/statistics-api.md);"
                    + " staff (any role but CITIZEN) get every kind on its own.")
    @GetMapping("/series")
    @ApiResponse(responseCode = "200", description = FIGURES, useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = UNKNOWN_UNIT)
    Views.Series series(
            @RequestParam String unit,
            @RequestParam String period,
            @Parameter(schema = @Schema(allowableValues = {"day", "month", "quarter"})) @RequestParam String step) {
        return queries.series(
                unit,
                Params.period(period),
                Params.choose("step", step, Step.class),
                PublicKinds.seesEveryKind(officers.current()));
    }

    @Operation(summary = "Communes and agencies of a unit without activity in a period (a blank is a finding)")
    @GetMapping("/inactive-units")
    @ApiResponse(responseCode = "200", description = "The units without activity", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = UNKNOWN_UNIT)
    @ApiResponse(
            responseCode = "422",
            description = "`rule-violation`, code `statistics.period.not-started`, field `period`: the period starts"
                    + " after today (Vietnam), so no unit can have been inactive in it yet")
    Views.Inactive inactive(
            @RequestParam String unit,
            @RequestParam String period,
            @Parameter(schema = @Schema(allowableValues = {"feedback", "dialogue", "model"}))
                    @RequestParam(defaultValue = "feedback")
                    String activity) {
        return queries.inactive(unit, Params.period(period), Params.choose("activity", activity, Activity.class));
    }

    @Operation(summary = "Overdue feedback items by unit (ids, kind and deadline only); officers within their scope")
    @GetMapping("/overdue")
    @ApiResponse(responseCode = "200", description = "The overdue items", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "404",
            description = "`not-found`: no such unit, or one outside the caller's scope (the same answer)")
    Views.Overdue overdue(@RequestParam String unit) {
        // officers only: a signed-in citizen is not an officer, whatever unit their token names
        scope.require(
                officers.requireAny(
                        Role.COMMUNE_OFFICER,
                        Role.PROVINCE_OFFICER,
                        Role.STEERING_COMMITTEE,
                        Role.INSPECTOR,
                        Role.ADMIN),
                StatisticsUnits.scopeOf(unit));
        return queries.overdue(unit);
    }

    /** Labels are Vietnamese unless English is asked for ({@code lang=en}, or English first in Accept-Language). */
    static boolean english(String lang, String acceptLanguage) {
        java.util.Optional<Boolean> asked = Params.english(lang);
        if (asked.isPresent()) {
            return asked.get();
        }
        return acceptLanguage != null
                && acceptLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en");
    }
}
