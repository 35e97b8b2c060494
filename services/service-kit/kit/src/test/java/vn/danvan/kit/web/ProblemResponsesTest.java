package vn.danvan.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import vn.danvan.kit.testapp.KitWebTestSupport;
import vn.danvan.kit.testapp.TestStore;

/** Every kind of bad request, against a real server: what the client gets back, and that nothing was stored. */
@ExtendWith(OutputCaptureExtension.class)
class ProblemResponsesTest extends KitWebTestSupport {

    private static final String VALID =
            """
            {"topic":"Mở rộng đường liên thôn","location":{"communeCode":"10105","village":"Thôn 3"},
             "channel":"HOTLINE","participants":40,"tags":["giao-thong"],"hostPhone":"0912345678"}""";

    private static final String ENGLISH = "en-US,en;q=0.9,vi;q=0.5";

    @Autowired
    private TestStore store;

    @BeforeEach
    void emptyStore() {
        store.clear();
    }

    @Test
    void validInputIsStored() {
        HttpResponse<String> response = postJson("/test/dialogues", VALID);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(store.stored()).isEqualTo(1);
    }

    @Test
    void beanValidationListsEveryFieldErrorAsJsonPathInVietnamese() {
        HttpResponse<String> response = postJson(
                "/test/dialogues",
                """
                {"topic":" ","location":{"communeCode":""},"channel":"LETTER","participants":0,
                 "tags":["a","","b","c"],"hostPhone":"123"}""");

        JsonNode body = assertProblem(response, 400, "validation-failed");
        assertThat(body.get("title").asString()).isEqualTo("Dữ liệu không hợp lệ");
        assertThat(fields(body))
                .containsExactlyInAnyOrder(
                        "topic", "location.communeCode", "participants", "tags", "tags[1]", "hostPhone");
        assertThat(messageOf(body, "topic")).isEqualTo("không được để trống");
        assertThat(messageOf(body, "participants")).isEqualTo("phải lớn hơn hoặc bằng 1");
        // the service's own message for its own constraint, from its messages.properties
        assertThat(messageOf(body, "hostPhone")).isEqualTo("số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0");
        assertThat(body.get("detail").asString()).contains("6");
        // rejected values are not echoed: they may be personal data
        assertThat(response.body()).doesNotContain("rejectedValue").doesNotContain("\"123\"");
        assertThat(store.stored()).isZero();
    }

    @Test
    void titlesAndMessagesAreEnglishWhenTheClientPrefersEnglish() {
        HttpResponse<String> response = postJson(
                "/test/dialogues",
                """
                {"topic":"","location":{"communeCode":"1"},"channel":"LETTER","hostPhone":"1"}""",
                "Accept-Language",
                ENGLISH);

        JsonNode body = assertProblem(response, 400, "validation-failed");
        assertThat(body.get("title").asString()).isEqualTo("Invalid input");
        assertThat(messageOf(body, "topic")).isEqualTo("must not be blank");
        assertThat(messageOf(body, "hostPhone")).isEqualTo("phone number must be 10 digits starting with 0");
        assertThat(response.headers().firstValue("Content-Language")).hasValue("en");
    }

    @Test
    void vietnameseWinsUnlessEnglishIsPreferred() {
        String vietnameseFirst = "vi-VN,vi;q=0.9,en;q=0.8";
        assertThat(json(get("/test/dialogues/2", "Accept-Language", vietnameseFirst))
                        .get("title")
                        .asString())
                .isEqualTo("Không tìm thấy");
        assertThat(json(get("/test/dialogues/2", "Accept-Language", "fr-FR"))
                        .get("title")
                        .asString())
                .isEqualTo("Không tìm thấy");
        assertThat(json(get("/test/dialogues/2", "Accept-Language", "fr;q=0.9, en;q=0.5"))
                        .get("title")
                        .asString())
                .isEqualTo("Not found");
    }

    @Test
    void serviceLayerValidationReportsThePathInsideTheArgument() {
        HttpResponse<String> response = postJson(
                "/test/dialogues/via-service", VALID.replace("\"communeCode\":\"10105\"", "\"communeCode\":\"\""));

        JsonNode body = assertProblem(response, 400, "validation-failed");
        assertThat(fields(body)).containsExactly("location.communeCode");
        assertThat(store.stored()).isZero();
    }

    @Test
    void requestParameterConstraintsAreValidationProblems() {
        JsonNode body = assertProblem(get("/test/dialogues?size=0"), 400, "validation-failed");

        assertThat(fields(body)).containsExactly("size");
        assertThat(inOf(body, "size")).isEqualTo("query");
        assertThat(messageOf(body, "size")).isEqualTo("phải lớn hơn hoặc bằng 1");
    }

    @Test
    void aConstrainedHeaderIsNamedAsTheClientWroteItWhoeverValidatesIt() {
        // validated by @Validated on the controller (feedback-intake's way): the Java parameter is idempotencyKey
        JsonNode proxied = assertProblem(
                send(request("/test/dialogues/registrations?seats=0")
                        .header("Idempotency-Key", "abc")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                400,
                "validation-failed");
        assertThat(fields(proxied)).containsExactlyInAnyOrder("Idempotency-Key", "seats");
        assertThat(inOf(proxied, "Idempotency-Key")).isEqualTo("header");
        assertThat(inOf(proxied, "seats")).isEqualTo("query");
        assertThat(messageOf(proxied, "Idempotency-Key")).isEqualTo("kích thước phải từ 8 đến 100");

        // validated by Spring MVC itself, the header named by the annotation's value
        JsonNode mvc =
                assertProblem(get("/test/dialogues/by-reference", "X-Reference", "abc"), 400, "validation-failed");
        assertThat(fields(mvc)).containsExactly("X-Reference");
        assertThat(inOf(mvc, "X-Reference")).isEqualTo("header");
        // a body's fields have no "in"
        JsonNode body = assertProblem(
                postJson("/test/dialogues", VALID.replace("\"participants\":40", "\"participants\":0")),
                400,
                "validation-failed");
        assertThat(body.get("errors").get(0).has("in")).isFalse();
    }

    @Test
    void errorsComeInTheOrderOfTheirFieldsAndAMissingValueIsToldOnce() {
        String body = VALID.replace("\"topic\":\"Mở rộng đường liên thôn\"", "\"topic\":\"\"")
                .replace("\"communeCode\":\"10105\"", "\"communeCode\":\" \"")
                .replace("\"participants\":40", "\"participants\":0")
                .replace("\"hostPhone\":\"0912345678\"", "\"hostPhone\":\"12\"");
        for (int i = 0; i < 5; i++) {
            JsonNode problem = assertProblem(postJson("/test/dialogues", body), 400, "validation-failed");
            // "" breaks both @NotBlank and @Size(min = 3): only "must not be blank" is said
            assertThat(fields(problem)).containsExactly("hostPhone", "location.communeCode", "participants", "topic");
            assertThat(messageOf(problem, "topic")).isEqualTo("không được để trống");
        }
        // a value that is there but too short is still told its size
        JsonNode shortTopic = assertProblem(
                postJson("/test/dialogues", VALID.replace("Mở rộng đường liên thôn", "ab")), 400, "validation-failed");
        assertThat(fields(shortTopic)).containsExactly("topic");
        assertThat(store.stored()).isZero();
    }

    @Test
    void malformedJsonIsMalformedBody() {
        assertProblem(postJson("/test/dialogues", "{\"topic\": \"Đối thoại"), 400, "malformed-body");
        assertProblem(postJson("/test/dialogues", ""), 400, "malformed-body");
        assertThat(store.stored()).isZero();
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() {
        HttpResponse<String> response =
                postJson("/test/dialogues", VALID.replace("\"channel\":\"HOTLINE\"", "\"channel\":\"EMAIL\""));

        JsonNode body = assertProblem(response, 400, "invalid-value");
        assertThat(body.get("field").asString()).isEqualTo("channel");
        assertThat(strings(body.get("allowed"))).containsExactly("HOTLINE", "LETTER", "web-form");
        assertThat(body.get("detail").asString()).contains("channel").contains("web-form");
        assertThat(store.stored()).isZero();
    }

    @Test
    void valueOfTheWrongTypeNamesItsPath() {
        JsonNode number = assertProblem(
                postJson("/test/dialogues", VALID.replace("\"participants\":40", "\"participants\":\"many\"")),
                400,
                "invalid-value");
        assertThat(number.get("field").asString()).isEqualTo("participants");
        assertThat(number.has("allowed")).isFalse();
        // the caller is told what the value should look like, not only that it is wrong
        assertThat(number.get("detail").asString())
                .isEqualTo("Trường “participants” có giá trị sai định dạng; hãy viết theo dạng số nguyên, ví dụ 20.");
        assertThat(number.get("format").asString()).isEqualTo("số nguyên, ví dụ 20");

        JsonNode nested = assertProblem(
                postJson("/test/dialogues", VALID.replace("\"village\":\"Thôn 3\"", "\"village\":{\"a\":1}")),
                400,
                "invalid-value");
        assertThat(nested.get("field").asString()).isEqualTo("location.village");

        JsonNode indexed = assertProblem(
                postJson("/test/dialogues", VALID.replace("[\"giao-thong\"]", "[\"a\",{\"b\":1}]")),
                400,
                "invalid-value");
        assertThat(indexed.get("field").asString()).isEqualTo("tags[1]");
        assertThat(store.stored()).isZero();
    }

    @Test
    void valuesAreReadAsWrittenNeverConvertedFromAnotherJsonType() {
        // each of these was once stored converted: 0 as the first constant, true as "true", "40" as 40, "" as null
        String[][] cases = {
            {"\"channel\":\"HOTLINE\"", "\"channel\":0", "channel"},
            {"\"topic\":\"Mở rộng đường liên thôn\"", "\"topic\":true", "topic"},
            {"\"topic\":\"Mở rộng đường liên thôn\"", "\"topic\":12.5", "topic"},
            {"\"participants\":40", "\"participants\":\"40\"", "participants"},
            {"\"participants\":40", "\"participants\":\"\"", "participants"},
            {"\"participants\":40", "\"participants\":\"null\"", "participants"},
            {"\"participants\":40", "\"participants\":\" \"", "participants"},
            // a fraction is no whole number: 40.5 was stored as 40
            {"\"participants\":40", "\"participants\":40.5", "participants"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = postJson("/test/dialogues", VALID.replace(c[0], c[1]));
            JsonNode problem = assertProblem(response, 400, "invalid-value");
            assertThat(problem.get("field").asString()).as(c[1]).isEqualTo(c[2]);
        }
        assertThat(store.stored()).isZero();
        // and what is written as the type it is still reads
        assertThat(postJson("/test/dialogues", VALID).statusCode()).isEqualTo(201);
    }

    @Test
    void queryAndPathValuesOfTheWrongTypeAreInvalidValues() {
        JsonNode channel = assertProblem(get("/test/dialogues?size=5&channel=EMAIL"), 400, "invalid-value");
        assertThat(channel.get("field").asString()).isEqualTo("channel");
        assertThat(strings(channel.get("allowed"))).contains("HOTLINE", "LETTER");

        JsonNode id = assertProblem(get("/test/dialogues/abc"), 400, "invalid-value");
        assertThat(id.get("field").asString()).isEqualTo("id");

        // the same for a field of a query object
        JsonNode filter = assertProblem(get("/test/dialogues/search?channel=EMAIL"), 400, "invalid-value");
        assertThat(filter.get("field").asString()).isEqualTo("channel");
        assertThat(strings(filter.get("allowed"))).contains("HOTLINE", "LETTER");
        JsonNode size = assertProblem(get("/test/dialogues/search?size=many"), 400, "invalid-value");
        assertThat(size.get("field").asString()).isEqualTo("size");
        assertThat(size.get("detail").asString()).contains("số nguyên, ví dụ 20");
        // and a value of the right type that breaks a constraint is still a validation failure
        assertProblem(get("/test/dialogues/search?size=0"), 400, "validation-failed");
    }

    @Test
    void missingParameterOrHeaderIsNamed() {
        JsonNode param = assertProblem(get("/test/dialogues"), 400, "missing-parameter");
        assertThat(param.get("field").asString()).isEqualTo("size");
        assertThat(param.get("in").asString()).isEqualTo("query");

        JsonNode header = assertProblem(get("/test/dialogues/by-unit"), 400, "missing-parameter");
        assertThat(header.get("field").asString()).isEqualTo("X-Unit");
        assertThat(header.get("in").asString()).isEqualTo("header");
    }

    @Test
    void wrongContentTypeIs415() {
        HttpResponse<String> response = send(request("/test/dialogues")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(VALID))
                .build());

        JsonNode body = assertProblem(response, 415, "unsupported-media-type");
        assertThat(strings(body.get("allowed"))).contains("application/json");
        assertThat(store.stored()).isZero();
    }

    @Test
    void unacceptableRepresentationIs406StillAsProblemJson() {
        JsonNode body =
                assertProblem(get("/test/dialogues?size=5", "Accept", "application/xml"), 406, "not-acceptable");
        assertThat(strings(body.get("allowed"))).contains("application/json");
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        HttpResponse<String> response =
                send(request("/test/dialogues/1").DELETE().build());

        JsonNode body = assertProblem(response, 405, "method-not-allowed");
        assertThat(strings(body.get("allowed"))).contains("GET", "PUT");
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void aMethodTheContainerRefusesItselfIsNamedInThe405() {
        RawResponse response = raw("TRACE /test/dialogues HTTP/1.0", "Accept-Language: en");

        JsonNode body = assertRawProblem(response, 405, "method-not-allowed");
        assertThat(body.get("detail").asString()).isEqualTo("Method TRACE is not supported at this address.");
    }

    @Test
    void aPropertyTheRequestDoesNotHaveIsNamedWithTheKnownOnesAndNothingIsStored() {
        HttpResponse<String> response = postJson(
                "/test/dialogues", VALID.replace("\"participants\":40", "\"participants\":40,\"partcipants\":41"));

        JsonNode problem = assertProblem(response, 400, "invalid-value");
        assertThat(problem.get("field").asString()).isEqualTo("partcipants");
        assertThat(strings(problem.get("allowed"))).contains("participants", "topic");
        assertThat(store.stored()).isZero();
    }

    @Test
    void notFoundNeverRevealsWhatWasLookedUp() {
        HttpResponse<String> response = get("/test/dialogues/2");

        JsonNode body = assertProblem(response, 404, "not-found");
        assertThat(body.get("detail").asString()).isEqualTo("Không tìm thấy tài nguyên được yêu cầu.");
        assertThat(response.body()).doesNotContain("dialogue 2");

        assertProblem(get("/no/such/path", signedIn()), 404, "not-found");
    }

    @Test
    void illegalTransitionNamesStateActionAndAllowedActions() {
        HttpResponse<String> response = send(request("/test/dialogues/1/recognise")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

        JsonNode body = assertProblem(response, 409, "illegal-transition");
        assertThat(body.get("currentState").asString()).isEqualTo("DRAFT");
        assertThat(body.get("action").asString()).isEqualTo("recognise");
        assertThat(strings(body.get("allowed"))).containsExactly("submit", "withdraw");
    }

    @Test
    void optimisticLockFailureIsConcurrentModification() {
        HttpResponse<String> response = send(request("/test/dialogues/1")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());

        assertProblem(response, 409, "concurrent-modification");
        assertThat(response.body()).doesNotContain("version 3");
    }

    @Test
    void duplicateKeyIsA409ThatDoesNotQuoteTheKey() {
        HttpResponse<String> response = send(request("/test/dialogues/duplicate")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

        assertProblem(response, 409, "duplicate");
        assertThat(response.body()).doesNotContain("0912345678").doesNotContain("E11000");
    }

    @Test
    void conflictAndRuleViolationUseTheServiceMessages() {
        JsonNode conflict = assertProblem(
                send(request("/test/dialogues/closed")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                409,
                "conflict");
        assertThat(conflict.get("code").asString()).isEqualTo("test.already-closed");
        assertThat(conflict.get("detail").asString()).isEqualTo("Đợt đối thoại đã kết thúc, không nhận thêm đăng ký.");
        // a message without arguments goes through MessageFormat too: its apostrophe, written twice, shows once
        JsonNode english = assertProblem(postInEnglish("/test/dialogues/closed"), 409, "conflict");
        assertThat(english.get("detail").asString()).isEqualTo("The dialogue round's registration has ended.");

        JsonNode rule = assertProblem(postInEnglish("/test/dialogues/backdated"), 422, "rule-violation");
        assertThat(rule.get("code").asString()).isEqualTo("test.date-before-unit");
        assertThat(rule.get("title").asString()).isEqualTo("Business rule violated");
        assertThat(rule.get("detail").asString())
                .isEqualTo("The dialogue date is before the unit was established (01/07/2025).");
    }

    @Test
    void aForbiddenThatSaysWhyCarriesTheServicesCodeAndDetailInTheCallersLanguage() {
        JsonNode vietnamese = assertProblem(
                send(request("/test/dialogues/1/sign")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build()),
                403,
                "forbidden");
        assertThat(vietnamese.get("code").asString()).isEqualTo("test.host-signs");
        assertThat(vietnamese.get("title").asString()).isEqualTo("Không có quyền");
        assertThat(vietnamese.get("detail").asString())
                .isEqualTo("Chỉ người chủ trì ký biên bản đối thoại; người tham dự không ký thay.");

        HttpResponse<String> response = postInEnglish("/test/dialogues/1/sign");
        JsonNode english = assertProblem(response, 403, "forbidden");
        assertThat(english.get("code").asString()).isEqualTo("test.host-signs");
        assertThat(english.get("title").asString()).isEqualTo("Forbidden");
        assertThat(english.get("detail").asString())
                .isEqualTo("Only the host signs the dialogue's minutes; a participant cannot sign for them.");
        assertThat(response.headers().firstValue("Content-Language")).hasValue("en");
        // what is only for the log stays there
        assertThat(response.body()).doesNotContain("participant tried");
    }

    @Test
    void aNotFoundThatNamesItsParameterCarriesCodeFieldAndDetailTheTraceIdStillLast() {
        JsonNode vietnamese = assertProblem(get("/test/dialogues/by-commune?commune=99999"), 404, "not-found");
        assertThat(vietnamese.get("code").asString()).isEqualTo("test.unknown-commune");
        assertThat(vietnamese.get("field").asString()).isEqualTo("commune");
        assertThat(vietnamese.get("detail").asString()).isEqualTo("Tham số “commune” không phải mã của một xã.");
        assertThat(vietnamese.propertyNames()).last().isEqualTo("traceId");

        JsonNode english = assertProblem(
                get("/test/dialogues/by-commune?commune=99999", "Accept-Language", ENGLISH), 404, "not-found");
        assertThat(english.get("field").asString()).isEqualTo("commune");
        assertThat(english.get("detail").asString()).isEqualTo("Parameter “commune” is not the code of a commune.");
        assertThat(english.toString()).doesNotContain("99999");

        // a plain NotFoundException is answered as ever: no code, no field
        JsonNode plain = assertProblem(get("/test/dialogues/2"), 404, "not-found");
        assertThat(plain.has("code")).isFalse();
        assertThat(plain.has("field")).isFalse();
    }

    @Test
    void aServiceThatRefusesForNowSaysWhyAndWhenToRetryLoggedAsAWarningWithoutAStack(CapturedOutput output) {
        HttpResponse<String> response = get("/test/dialogues/broadcast");

        JsonNode vietnamese = assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("21");
        assertThat(vietnamese.get("code").asString()).isEqualTo("test.broadcast-full");
        assertThat(vietnamese.get("detail").asString())
                .isEqualTo("Buổi phát trực tiếp đã đủ 40 chỗ; hãy thử lại sau 21 giây.");
        JsonNode english =
                assertProblem(get("/test/dialogues/broadcast", "Accept-Language", ENGLISH), 503, "service-unavailable");
        assertThat(english.get("detail").asString())
                .isEqualTo("The live broadcast has all 40 seats taken; try again in 21 seconds.");
        assertThat(output.getOut())
                .contains("WARN")
                .contains("refused: 503 service-unavailable (all 40 broadcast seats taken)")
                .doesNotContain("failed: 503")
                .doesNotContain("\tat vn.danvan.kit.testapp.TestDialogueController.broadcast");

        // without a code: the generic detail, still with Retry-After
        HttpResponse<String> plain = get("/test/dialogues/broadcast?coded=false");
        JsonNode generic = assertProblem(plain, 503, "service-unavailable");
        assertThat(generic.has("code")).isFalse();
        assertThat(generic.get("detail").asString()).isEqualTo("Dịch vụ tạm thời không đáp ứng; hãy thử lại sau.");
        assertThat(plain.headers().firstValue("Retry-After")).hasValue("21");
    }

    private HttpResponse<String> postInEnglish(String path) {
        return send(request(path)
                .header("Accept-Language", ENGLISH)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        HttpResponse<String> response = send(request("/test/dialogues/throttled")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());

        assertProblem(response, 429, "too-many-requests");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void aStoreThatDoesNotAnswerIsA503SayingWhenToRetryNotA500() {
        HttpResponse<String> response =
                send(request("/test/dialogues/store-down").GET().build());

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).doesNotContain("27017").doesNotContain("Timed out");
    }

    @Test
    void aStoreThatTookTheRequestButDidNotAnswerIsThe503OfAStoreThatIsDown() {
        HttpResponse<String> response =
                send(request("/test/dialogues/store-hung").GET().build());

        assertProblem(response, 503, "service-unavailable");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.body()).doesNotContain("27017").doesNotContain("Timeout");
    }

    @Test
    void unexpectedErrorsAre500WithoutDetailButLoggedWithTheTraceId(CapturedOutput output) {
        HttpResponse<String> response = get("/test/dialogues/boom");

        JsonNode body = assertProblem(response, 500, "internal-error");
        assertThat(body.has("detail")).isFalse();
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalState");
        String traceId = body.get("traceId").asString();
        // the cause is in the service's log, next to the trace id the client can quote
        assertThat(output.getOut()).contains(traceId).contains("password=hunter2");
    }

    @Test
    void failuresOutsideSpringMvcAreProblemsToo(CapturedOutput output) {
        HttpResponse<String> response = get("/test/failing-filter", "Accept-Language", ENGLISH);

        JsonNode body = assertProblem(response, 500, "internal-error");
        assertThat(body.get("title").asString()).isEqualTo("Internal error");
        assertThat(body.get("instance").asString()).isEqualTo("/test/failing-filter");
        assertThat(response.body()).doesNotContain("abc123");
        assertThat(output.getOut()).contains(body.get("traceId").asString());
    }

    @Test
    void aQueryParameterThatCannotBeDecodedIsABadRequestNotAnError() {
        RawResponse response = raw("GET /test/dialogues?size=%ZZ HTTP/1.0", "Accept-Language: en");

        JsonNode body = assertRawProblem(response, 400, "bad-request");
        assertThat(body.get("detail").asString()).contains("percent-escape");
        assertThat(body.get("instance").asString()).isEqualTo("/test/dialogues");
    }

    @Test
    void whatTomcatRefusesBeforeTheApplicationIsAProblemTooNotAnHtmlPage() {
        // characters a request target may not hold, and an encoded slash in the path
        for (String target : List.of("/test/dialogues?size=[5]", "/test/dialogues?size=5|6", "/test/dialogues/1%2F2")) {
            RawResponse response = raw("GET " + target + " HTTP/1.0");

            JsonNode body = assertRawProblem(response, 400, "bad-request");
            assertThat(body.get("title").asString()).as(target).isEqualTo("Yêu cầu không hợp lệ");
            assertThat(response.body()).as(target).doesNotContain("<html").doesNotContain("Tomcat");
        }
    }

    @Test
    void aRequestHeadTheGatewayPassesOnIsTakenAndALargerOneIsAProblem() {
        // the gateway passes on up to 8 KB of a client's headers and adds its own: Tomcat's default 8 KB refused such
        // requests with a 400 the client could not explain
        RawResponse passedOn = raw("GET /test/dialogues?size=5 HTTP/1.0", "X-Padding: " + "a".repeat(12_000));
        assertThat(passedOn.status()).isEqualTo(200);

        RawResponse tooLarge = raw("GET /test/dialogues?size=5 HTTP/1.0", "X-Padding: " + "a".repeat(16_500));
        assertRawProblem(tooLarge, 400, "bad-request");
        assertThat(tooLarge.body()).doesNotContain("<html").doesNotContain("Tomcat");
    }

    @Test
    void whatTheSecurityFirewallRefusesIsABadRequestNotAnError(CapturedOutput output) {
        // a header value with a control character (UTF-8 "đ" read as ISO-8859-1 is "Ä" and 0x91; refused when the
        // handler reads it), a double slash and a path parameter (refused before any filter of the application)
        List<RawResponse> refused = List.of(
                raw("GET /test/dialogues/by-unit HTTP/1.0", "X-Unit: \u00c4\u0091"),
                raw("GET /test//dialogues?size=5 HTTP/1.0"),
                raw("GET /test/dialogues;x=1?size=5 HTTP/1.0", "Accept-Language: en"));

        for (RawResponse response : refused) {
            JsonNode body = assertRawProblem(response, 400, "bad-request");
            assertThat(body.get("detail").asString()).containsAnyOf("không được phép", "not allowed");
        }
        assertThat(output.getOut()).doesNotContain("RequestRejectedException: ");
    }

    @Test
    void aMultipartBodyWithoutItsBoundaryIsMalformedNotAnError() {
        // on a JSON endpoint (Spring reads every multipart request first) and on the upload endpoint
        for (String path : List.of("/test/dialogues", "/test/dialogues/attachments")) {
            HttpResponse<String> response = send(request(path)
                    .header("Content-Type", "multipart/form-data")
                    .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data; name=\"file\""))
                    .build());

            JsonNode body = assertProblem(response, 400, "malformed-body");
            assertThat(body.get("detail").asString()).as(path).contains("multipart");
        }
        // a part cut short: the boundary is declared, the closing one never comes
        HttpResponse<String> cut = send(request("/test/dialogues/attachments")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\nabc"))
                .build());
        assertProblem(cut, 400, "malformed-body");
        assertThat(store.stored()).isZero();
    }

    @Test
    void bodyOverTheLimitIsRefusedByContentLength() {
        HttpResponse<String> response = postJson("/test/dialogues", padded(100 * 1024));

        JsonNode body = assertProblem(response, 413, "payload-too-large");
        assertThat(body.get("maxBytes").asLong()).isEqualTo(64 * 1024);
        assertThat(store.stored()).isZero();
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWhileReading() {
        byte[] body = padded(100 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request("/test/dialogues")
                .header("Content-Type", "application/json")
                .POST(chunked(() -> new ByteArrayInputStream(body)))
                .build());

        assertProblem(response, 413, "payload-too-large");
        assertThat(store.stored()).isZero();
    }

    @Test
    void chunkedBodyWithinTheLimitIsAccepted() {
        byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(request("/test/dialogues")
                .header("Content-Type", "application/json")
                .POST(chunked(() -> new ByteArrayInputStream(body)))
                .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(store.stored()).isEqualTo(1);
    }

    @Test
    void chunkedMultipartOverTheLimitIs413() {
        // the attachments' path is allowed 256 KB (its own limit), the rest 64 KB
        HttpResponse<String> response = send(request("/test/dialogues/attachments")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(chunked(() -> new ByteArrayInputStream(multipart(300 * 1024))))
                .build());

        JsonNode body = assertProblem(response, 413, "payload-too-large");
        assertThat(body.get("maxBytes").asLong()).isEqualTo(256 * 1024);
        assertThat(store.stored()).isZero();
    }

    @Test
    void aPathWithALimitOfItsOwnTakesWhatTheOthersRefuse() {
        HttpResponse<String> attached = send(request("/test/dialogues/attachments")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(100 * 1024)))
                .build());
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        assertThat(store.stored()).isEqualTo(1);

        // the same size elsewhere: the service's limit, by Content-Length
        HttpResponse<String> refused = postJson("/test/dialogues", padded(100 * 1024));
        assertThat(assertProblem(refused, 413, "payload-too-large")
                        .get("maxBytes")
                        .asLong())
                .isEqualTo(64 * 1024);
        HttpResponse<String> tooLarge = send(request("/test/dialogues/attachments")
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(300 * 1024)))
                .build());
        assertThat(assertProblem(tooLarge, 413, "payload-too-large")
                        .get("maxBytes")
                        .asLong())
                .isEqualTo(256 * 1024);
        assertThat(store.stored()).isEqualTo(1);
    }

    private static final String BOUNDARY = "danvanBoundary";

    /** A multipart body with one file of {@code size} bytes. */
    private static byte[] multipart(int size) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                        + "Content-Type: application/pdf\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(head);
        body.writeBytes(new byte[size]);
        body.writeBytes(tail);
        return body.toByteArray();
    }

    @Test
    void problemCarriesTheCallersTraceIdAndTheLogLineToo(CapturedOutput output) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response =
                get("/test/dialogues/2", "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        JsonNode body = assertProblem(response, 404, "not-found");
        assertThat(body.get("traceId").asString()).isEqualTo(traceId);
        assertThat(output.getOut()).contains(traceId).contains("not-found");
    }

    /** Status, media type, type URI, instance, trace id, and no trace of a stack in the body. */
    private static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("type").asString()).isEqualTo("urn:danvan:problem:" + slug);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("instance").asString()).startsWith("/");
        assertThat(body.get("traceId").asString()).matches("[0-9a-f]{16,32}");
        assertThat(response.body())
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("java.")
                .doesNotContain("springframework");
        return body;
    }

    /** As {@link #assertProblem}, for a response Tomcat may have written before any trace began. */
    private static JsonNode assertRawProblem(RawResponse response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asString()).isEqualTo("urn:danvan:problem:" + slug);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("java.");
        return body;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static String inOf(JsonNode problem, String field) {
        for (JsonNode error : problem.get("errors")) {
            if (field.equals(error.get("field").asString())) {
                return error.path("in").asString(null);
            }
        }
        throw new AssertionError("no error for " + field + " in " + problem);
    }

    private static String messageOf(JsonNode problem, String field) {
        for (JsonNode error : problem.get("errors")) {
            if (field.equals(error.get("field").asString())) {
                return error.get("message").asString();
            }
        }
        throw new AssertionError("no error for " + field + " in " + problem);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String padded(int size) {
        return VALID.replace("\"village\":\"Thôn 3\"", "\"village\":\"" + "x".repeat(size) + "\"");
    }

    private static InputStream concat(byte[]... parts) {
        List<InputStream> streams = new ArrayList<>();
        for (byte[] part : parts) {
            streams.add(new ByteArrayInputStream(part));
        }
        return new SequenceInputStream(Collections.enumeration(streams));
    }
}
