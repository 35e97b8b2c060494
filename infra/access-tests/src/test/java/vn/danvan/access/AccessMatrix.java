package vn.danvan.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Who may do what, as data: every endpoint of the platform with the answer each caller must get. A new endpoint
 * without a row here fails {@code AccessMatrixTest} (it compares this list with the services' OpenAPI documents).
 *
 * <p>Callers are each role, or nobody, acting for one of three places relative to the resource, which always lives
 * in commune {@value Fixtures#COMMUNE} of Hà Nội: that commune itself, its province (the resource is in a child
 * unit) or another province. Outside their scope an officer gets 404, exactly as if the resource did not exist.
 */
final class AccessMatrix {

    private AccessMatrix() {}

    enum Who {
        ANONYMOUS,
        CITIZEN,
        COMMUNE_OFFICER,
        PROVINCE_OFFICER,
        STEERING_COMMITTEE,
        INSPECTOR,
        ADMIN
    }

    enum Where {
        /** The resource's own commune. */
        OWN_UNIT(Fixtures.COMMUNE),
        /** The resource's province: the resource is in a child unit. */
        CHILD_UNIT(Fixtures.PROVINCE),
        OTHER_PROVINCE(Fixtures.OTHER_PROVINCE);

        final String unitOfCaller;

        Where(String unitOfCaller) {
            this.unitOfCaller = unitOfCaller;
        }
    }

    /** The answer one caller must get. */
    interface Rule {
        Set<Integer> expected(Who who, Where where);
    }

    /** Anyone, signed in or not, from anywhere. */
    static Rule open(Integer... statuses) {
        return (who, where) -> Set.of(statuses);
    }

    /**
     * The citizen's own steps, proven by a tracking code: anyone not signed in, or signed in as a citizen; a staff role
     * is refused (403) whatever code it holds, officers seeing the code of what they entered for a citizen.
     */
    static Rule citizensOwn(Integer... statuses) {
        return (who, where) -> who == Who.ANONYMOUS || who == Who.CITIZEN ? Set.of(statuses) : Set.of(403);
    }

    /** A token with one of the roles; the place does not matter. */
    static Rule anyUnit(Set<Who> roles, Integer... statuses) {
        return (who, where) ->
                who == Who.ANONYMOUS ? Set.of(401) : roles.contains(who) ? Set.of(statuses) : Set.of(403);
    }

    /** A token with one of the roles, acting for the resource's unit or above it; elsewhere 404. */
    static Rule scoped(Set<Who> roles, Integer... statuses) {
        return (who, where) -> {
            if (who == Who.ANONYMOUS) {
                return Set.of(401);
            }
            if (!roles.contains(who)) {
                return Set.of(403);
            }
            return where == Where.OTHER_PROVINCE ? Set.of(404) : Set.of(statuses);
        };
    }

    static final Set<Who> HANDLERS = EnumSet.of(Who.COMMUNE_OFFICER, Who.PROVINCE_OFFICER);
    static final Set<Who> READERS = EnumSet.of(Who.COMMUNE_OFFICER, Who.PROVINCE_OFFICER, Who.INSPECTOR, Who.ADMIN);
    static final Set<Who> OFFICERS =
            EnumSet.of(Who.COMMUNE_OFFICER, Who.PROVINCE_OFFICER, Who.STEERING_COMMITTEE, Who.INSPECTOR, Who.ADMIN);
    static final Set<Who> CONSULTATION_HOSTS = EnumSet.of(Who.COMMUNE_OFFICER, Who.PROVINCE_OFFICER, Who.ADMIN);

    /**
     * One endpoint: its method and path as the service's OpenAPI document names them, the rule, and how to make a
     * concrete call. {@code mutates}: each allowed call needs its own fresh resource.
     */
    record Endpoint(String method, String path, Rule rule, boolean mutates, Function<Fixtures, Call> call) {

        String key() {
            return method + " " + path;
        }
    }

    private static Endpoint reads(String method, String path, Rule rule, Function<Fixtures, Call> call) {
        return new Endpoint(method, path, rule, false, call);
    }

    private static Endpoint acts(String method, String path, Rule rule, Function<Fixtures, Call> call) {
        return new Endpoint(method, path, rule, true, call);
    }

    private static final String PERIOD = "unit=" + Fixtures.COMMUNE + "&period=2026";

    static final List<Endpoint> ENDPOINTS = List.of(
            // feedback-intake: citizens
            acts("POST", "/api/v1/feedback", open(201), f -> Fixtures.submitReport()),
            reads("GET", "/api/v1/feedback/ping", open(200), f -> Call.get("/api/v1/feedback/ping")),
            reads(
                    "GET",
                    "/api/v1/feedback/track/{trackingCode}",
                    open(200),
                    f -> Call.get(
                            "/api/v1/feedback/track/" + f.report("RECEIVED").trackingCode())),
            acts("POST", "/api/v1/feedback/{id}/rate", citizensOwn(200), f -> {
                Fixtures.Item item = f.report("ANSWERED");
                return Call.post(
                        "/api/v1/feedback/" + item.id() + "/rate",
                        "{\"trackingCode\":\"" + item.trackingCode() + "\",\"rating\":4}");
            }),
            acts("POST", "/api/v1/feedback/{id}/reopen", citizensOwn(200), f -> {
                Fixtures.Item item = f.report("ANSWERED");
                return Call.post(
                        "/api/v1/feedback/" + item.id() + "/reopen",
                        "{\"trackingCode\":\"" + item.trackingCode() + "\",\"reason\":\"Đèn lại hỏng\"}");
            }),
            acts("POST", "/api/v1/feedback/{id}/withdraw", citizensOwn(200), f -> {
                Fixtures.Item item = f.report("RECEIVED");
                return Call.post(
                        "/api/v1/feedback/" + item.id() + "/withdraw",
                        "{\"trackingCode\":\"" + item.trackingCode() + "\",\"reason\":\"Đã được sửa\"}");
            }),
            // feedback-intake: officers
            reads(
                    "GET",
                    "/api/v1/feedback",
                    scoped(READERS, 200),
                    f -> Call.get("/api/v1/feedback?unit=" + Fixtures.COMMUNE)),
            reads(
                    "GET",
                    "/api/v1/feedback/{id}",
                    scoped(READERS, 200),
                    f -> Call.get("/api/v1/feedback/" + f.report("RECEIVED").id())),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/accept",
                    scoped(HANDLERS, 200),
                    f -> Call.post("/api/v1/feedback/" + f.report("RECEIVED").id() + "/accept", null)),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/reject",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.report("RECEIVED").id() + "/reject",
                            "{\"reason\":\"OUT_OF_SCOPE\",\"note\":\"Không thuộc thẩm quyền\"}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/transfer",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.report("RECEIVED").id() + "/transfer",
                            "{\"toUnit\":\"00008\",\"reason\":\"WRONG_AREA\",\"note\":\"Thuộc địa bàn phường khác\"}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/assign",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.report("ACCEPTED").id() + "/assign",
                            "{\"assignee\":\"can-bo-9\"}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/start",
                    scoped(HANDLERS, 200),
                    f -> Call.post("/api/v1/feedback/" + f.report("ASSIGNED").id() + "/start", null)),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/answer",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.report("IN_PROGRESS").id() + "/answer",
                            "{\"text\":\"Đã thay bóng đèn mới.\"}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/close",
                    scoped(HANDLERS, 200),
                    f -> Call.post("/api/v1/feedback/" + f.report("ANSWERED").id() + "/close", null)),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/extend",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.acceptedDenunciation().id() + "/extend",
                            "{\"complexity\":\"COMPLEX\",\"reason\":\"Cần đo đạc lại\"}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/decide-withdrawal",
                    // the handlers reach the item; nobody asked to withdraw this accepted report: 409
                    scoped(HANDLERS, 409),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.report("ACCEPTED").id() + "/decide-withdrawal", "{\"end\":true}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/record-withdrawal",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.report("RECEIVED").id() + "/record-withdrawal",
                            "{\"request\":\"Đơn rút ngày 05/12/2026\"}")),
            acts(
                    "POST",
                    "/api/v1/feedback/{id}/duplicate",
                    scoped(HANDLERS, 200),
                    f -> Call.post(
                            "/api/v1/feedback/" + f.flaggedRepeat().id() + "/duplicate", "{\"confirmed\":false}")),
            // denouncers' identities: inspectors only, every read audited
            acts(
                    "GET",
                    "/api/v1/feedback/{id}/identity",
                    scoped(Set.of(Who.INSPECTOR), 200),
                    f -> Call.get(
                            "/api/v1/feedback/" + f.denunciation().id() + "/identity?reason=Xác%20minh%20tố%20cáo")),
            reads(
                    "GET",
                    "/api/v1/feedback/{id}/identity/reads",
                    scoped(Set.of(Who.INSPECTOR), 200),
                    f -> Call.get("/api/v1/feedback/" + f.denunciation().id() + "/identity/reads")),
            // imports: the job belongs to the importing officer's unit
            acts("POST", "/api/v1/feedback/imports", anyUnit(HANDLERS, 201), f -> Fixtures.importFile()),
            // the template to fill: the same officers as the upload, from any unit (it holds no unit's data)
            reads(
                    "GET",
                    "/api/v1/feedback/imports/template",
                    anyUnit(HANDLERS, 200),
                    f -> Call.get("/api/v1/feedback/imports/template")),
            reads(
                    "GET",
                    "/api/v1/feedback/imports/{jobId}",
                    scoped(HANDLERS, 200),
                    f -> Call.get("/api/v1/feedback/imports/" + f.importJob())),
            // consultations
            acts(
                    "POST",
                    "/api/v1/consultations",
                    scoped(CONSULTATION_HOSTS, 201),
                    f -> Fixtures.openConsultationCall()),
            reads(
                    "GET",
                    "/api/v1/consultations/{id}",
                    open(200),
                    f -> Call.get("/api/v1/consultations/" + f.openConsultation())),
            acts(
                    "POST",
                    "/api/v1/consultations/{id}/close",
                    scoped(CONSULTATION_HOSTS, 200),
                    f -> Call.post("/api/v1/consultations/" + f.openConsultation() + "/close", null)),
            acts(
                    "POST",
                    "/api/v1/consultations/{id}/comments",
                    open(201),
                    f -> Call.post(
                            "/api/v1/consultations/" + f.openConsultation() + "/comments",
                            "{\"articleId\":\"dieu-1\",\"stance\":\"AGREE\"}")),
            reads(
                    "GET",
                    "/api/v1/consultations/{id}/comments",
                    scoped(
                            EnumSet.of(Who.COMMUNE_OFFICER, Who.PROVINCE_OFFICER, Who.STEERING_COMMITTEE, Who.ADMIN),
                            200),
                    f -> Call.get("/api/v1/consultations/" + f.openConsultation() + "/comments")),
            reads(
                    "GET",
                    "/api/v1/consultations/{id}/summary",
                    open(200),
                    f -> Call.get("/api/v1/consultations/" + f.openConsultation() + "/summary")),
            // statistics: public figures, officers' overdue list, administrators' rebuilds
            reads(
                    "GET",
                    "/api/v1/statistics/summary",
                    open(200),
                    f -> Call.get("/api/v1/statistics/summary?" + PERIOD)),
            reads(
                    "GET",
                    "/api/v1/statistics/breakdown",
                    open(200),
                    f -> Call.get("/api/v1/statistics/breakdown?" + PERIOD + "&by=kind")),
            reads(
                    "GET",
                    "/api/v1/statistics/series",
                    open(200),
                    f -> Call.get("/api/v1/statistics/series?" + PERIOD + "&step=month")),
            reads(
                    "GET",
                    "/api/v1/statistics/inactive-units",
                    open(200),
                    f -> Call.get("/api/v1/statistics/inactive-units?unit=" + Fixtures.PROVINCE + "&period=2026")),
            reads(
                    "GET",
                    "/api/v1/statistics/export",
                    open(200),
                    f -> Call.get("/api/v1/statistics/export?" + PERIOD + "&format=csv")),
            reads(
                    "GET",
                    "/api/v1/statistics/stream",
                    open(200),
                    f -> Call.get("/api/v1/statistics/stream?unit=" + Fixtures.COMMUNE)),
            reads(
                    "GET",
                    "/api/v1/statistics/overdue",
                    scoped(OFFICERS, 200),
                    f -> Call.get("/api/v1/statistics/overdue?unit=" + Fixtures.COMMUNE)),
            // a rebuild already running answers 409: the caller got past authorisation all the same
            acts(
                    "POST",
                    "/api/v1/statistics/rebuild",
                    anyUnit(Set.of(Who.ADMIN), 202, 409),
                    f -> Call.post("/api/v1/statistics/rebuild", null)),
            reads(
                    "GET",
                    "/api/v1/statistics/rebuild/{jobId}",
                    anyUnit(Set.of(Who.ADMIN), 200),
                    f -> Call.get("/api/v1/statistics/rebuild/" + f.rebuildJob())),
            reads("GET", "/api/v1/units", open(200), f -> Call.get("/api/v1/units")),
            // where the dashboard page signs officers in: the issuer and the page's public client
            reads("GET", "/dashboard/sign-in.json", open(200), f -> Call.get("/dashboard/sign-in.json")),
            reads("GET", "/api/v1/units/{code}", open(200), f -> Call.get("/api/v1/units/" + Fixtures.COMMUNE)),
            reads(
                    "GET",
                    "/api/v1/units/{code}/children",
                    open(200),
                    f -> Call.get("/api/v1/units/" + Fixtures.PROVINCE + "/children")));
}
