package vn.danvan.feedback.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.mongodb.client.model.Filters;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.test.DanvanIntegrationTest;
import vn.danvan.kit.test.identity.TestIdentityProvider;
import vn.danvan.kit.web.NotFoundException;

/**
 * The vault against the service's real store and HTTP stack: what is stored, who can read it, what every read
 * leaves behind, and that no identity value reaches the log. DEBUG logging of the web layer is on, so a value that
 * slipped into a logged object would show.
 */
@DanvanIntegrationTest(
        properties = {
            "danvan.test.database=feedback_identity",
            "logging.level.vn.danvan=DEBUG",
            "logging.level.org.springframework.web=DEBUG"
        })
@ExtendWith(OutputCaptureExtension.class)
class IdentityVaultIntegrationTest {

    /** Phường Ba Đình, in Hà Nội (01); Cao Bằng (04) is another province. */
    static final String BA_DINH = "00004";

    static final String HA_NOI = "01";
    static final String CAO_BANG = "04";

    static final DenouncerIdentity HANH = new DenouncerIdentity(
            "Nguyễn Thị Hạnh",
            "001190012345",
            "Số 12 ngõ 34 phố Đội Cấn, Ba Đình",
            "0912345678",
            List.of("scans/2026/0001-p1.png"));

    static final List<String> HANH_VALUES =
            List.of("Nguyễn Thị Hạnh", "Hạnh", "001190012345", "Đội Cấn", "0912345678", "912345678");

    static final Officer INSPECTOR = new Officer("tt-hn-07", HA_NOI, java.util.Set.of(Role.INSPECTOR));

    @Autowired
    IdentityVault vault;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ResponsibleUnits units;

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void emptyVault() {
        mongo.remove(new Query(), IdentityVault.IDENTITIES);
        mongo.remove(new Query(), IdentityVault.READS);
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> {})
                .build();
    }

    @Test
    void aSealedIdentityOpensForAnInspectorAndTheReadIsRecorded() {
        vault.seal("fb-1", HANH);

        assertThat(vault.hasIdentity("fb-1")).isTrue();
        assertThat(vault.hasIdentity("fb-2")).isFalse();
        assertThat(vault.open("fb-1", INSPECTOR, "  xác minh theo Điều 9  ")).isEqualTo(HANH);
        Document read = mongo.findOne(new Query(), Document.class, IdentityVault.READS);
        assertThat(read.getString("feedbackId")).isEqualTo("fb-1");
        assertThat(read.getString("officerId")).isEqualTo("tt-hn-07");
        assertThat(read.getString("unitCode")).isEqualTo(HA_NOI);
        assertThat(read.getString("reason")).isEqualTo("xác minh theo Điều 9");
        assertThat(read.getDate("at")).isNotNull();
    }

    @Test
    void noReasonNoRead() {
        vault.seal("fb-1", HANH);

        for (String reason : new String[] {null, " ", "x".repeat(IdentityVault.MAX_REASON_LENGTH + 1)}) {
            assertThatThrownBy(() -> vault.open("fb-1", INSPECTOR, reason))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(mongo.count(new Query(), IdentityVault.READS)).isZero();
    }

    @Test
    void theStoreHoldsNoIdentityValueInAnyForm() {
        vault.seal("fb-1", HANH);
        vault.open("fb-1", INSPECTOR, "xác minh");

        Document stored = mongo.findById("fb-1", Document.class, IdentityVault.IDENTITIES);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "ciphertext", "keyId", "sealedAt");
        for (String collection : mongo.getCollectionNames()) {
            for (RawBsonDocument raw : mongo.getDb()
                    .getCollection(collection, RawBsonDocument.class)
                    .find()) {
                byte[] bytes = new byte[raw.getByteBuffer().remaining()];
                raw.getByteBuffer().get(bytes);
                String asText = new String(bytes, StandardCharsets.UTF_8)
                        + new String(bytes, StandardCharsets.ISO_8859_1)
                        + raw.toJson();
                assertThat(asText).as(collection).doesNotContain(HANH_VALUES);
            }
        }
    }

    @Test
    void anAlteredOrMovedCiphertextOpensNothing() {
        vault.seal("fb-1", HANH);
        Document stored = mongo.findById("fb-1", Document.class, IdentityVault.IDENTITIES);
        byte[] ciphertext = stored.get("ciphertext", Binary.class).getData();

        // the same ciphertext under another item's id
        mongo.save(new Document(stored).append("_id", "fb-2"), IdentityVault.IDENTITIES);
        assertThatThrownBy(() -> vault.open("fb-2", INSPECTOR, "xác minh"))
                .isInstanceOf(IllegalStateException.class)
                .message()
                .doesNotContain(HANH_VALUES);

        // one flipped bit
        ciphertext[ciphertext.length - 3] ^= 0x01;
        mongo.save(new Document(stored).append("ciphertext", new Binary(ciphertext)), IdentityVault.IDENTITIES);
        assertThatThrownBy(() -> vault.open("fb-1", INSPECTOR, "xác minh"))
                .isInstanceOf(IllegalStateException.class)
                .message()
                .doesNotContain(HANH_VALUES);

        assertThat(mongo.count(new Query(), IdentityVault.READS)).isZero();
        assertThatThrownBy(() -> vault.open("fb-3", INSPECTOR, "xác minh")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void whenTheReadCannotBeRecordedNothingIsReturned() {
        vault.seal("fb-1", HANH);
        vault.open("fb-1", INSPECTOR, "lần đầu");
        // a store that refuses a second read record of the same item
        String index = mongo.indexOps(IdentityVault.READS)
                .createIndex(new Index().on("officerId", Sort.Direction.ASC).unique());
        try {
            assertThatThrownBy(() -> vault.open("fb-1", INSPECTOR, "lần hai"))
                    .isInstanceOf(RuntimeException.class)
                    .isNotInstanceOf(IllegalArgumentException.class);
        } finally {
            mongo.indexOps(IdentityVault.READS).dropIndex(index);
        }
        assertThat(mongo.count(new Query(), IdentityVault.READS)).isOne();
    }

    @Test
    void keysRotate() throws Exception {
        Clock clock = Clock.systemUTC();
        KeysetHandle first = TestKeysets.newKeyset();
        KeysetHandle rotated = TestKeysets.withNewPrimary(first);
        KeysetHandle onlyNew = TestKeysets.primaryOnly(rotated);
        IdentityVault before = new IdentityVault(mongo, TestKeysets.cipher(first), clock);
        IdentityVault during = new IdentityVault(mongo, TestKeysets.cipher(rotated), clock);
        IdentityVault after = new IdentityVault(mongo, TestKeysets.cipher(onlyNew), clock);
        DenouncerIdentity other = new DenouncerIdentity("Trần Văn Bình", "123456789", "Cao Bằng", null, null);
        before.seal("fb-1", HANH);
        before.seal("fb-2", other);

        // the new primary seals, the old key still opens
        during.seal("fb-3", HANH);
        assertThat(keyId("fb-3")).isEqualTo(rotated.getPrimary().getId()).isNotEqualTo(keyId("fb-1"));
        assertThat(during.open("fb-1", INSPECTOR, "xác minh")).isEqualTo(HANH);

        assertThat(during.resealWithPrimaryKey()).isEqualTo(2);
        assertThat(during.resealWithPrimaryKey()).isZero();

        assertThat(keyId("fb-1"))
                .isEqualTo(keyId("fb-2"))
                .isEqualTo(rotated.getPrimary().getId());
        assertThat(after.open("fb-1", INSPECTOR, "xác minh")).isEqualTo(HANH);
        assertThat(after.open("fb-2", INSPECTOR, "xác minh")).isEqualTo(other);
        assertThat(after.open("fb-3", INSPECTOR, "xác minh")).isEqualTo(HANH);
        assertThatThrownBy(() -> before.open("fb-1", INSPECTOR, "xác minh")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void resealingReportsIdentitiesNoKeyOpens() throws Exception {
        IdentityVault stranger =
                new IdentityVault(mongo, TestKeysets.cipher(TestKeysets.newKeyset()), Clock.systemUTC());
        stranger.seal("fb-1", HANH);
        vault.seal("fb-2", HANH);

        assertThatThrownBy(() -> vault.resealWithPrimaryKey())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fb-1")
                .message()
                .doesNotContain(HANH_VALUES);
    }

    @Test
    void onlyAnInspectorWithAReasonReadsAnIdentityInTheirScope(CapturedOutput output) throws Exception {
        vault.seal("fb-1", HANH);
        units.put("fb-1", BA_DINH);

        assertThat(get("/api/v1/feedback/fb-1/identity?reason=x", null)
                        .getStatusCode()
                        .value())
                .isEqualTo(401);
        assertThat(get("/api/v1/feedback/fb-1/identity?reason=x", officer("cb-01", HA_NOI, "PROVINCE_OFFICER"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(get("/api/v1/feedback/fb-1/identity?reason=x", officer("tt-cb-01", CAO_BANG, "INSPECTOR"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(get("/api/v1/feedback/fb-9/identity?reason=x", inspector())
                        .getStatusCode()
                        .value())
                .isEqualTo(404);

        for (String query : new String[] {"", "?reason=", "?reason=   "}) {
            ResponseEntity<String> noReason = get("/api/v1/feedback/fb-1/identity" + query, inspector());
            assertThat(noReason.getStatusCode().value()).isEqualTo(400);
            assertThat(json(noReason).at("/errors/0/field").asString()).isEqualTo("reason");
        }
        assertThat(mongo.count(new Query(), IdentityVault.READS)).isZero();

        ResponseEntity<String> read =
                get("/api/v1/feedback/fb-1/identity?reason=Thanh tra xác minh đơn tố cáo", inspector());
        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getHeaders().getCacheControl()).isEqualTo("no-store");
        JsonNode body = json(read);
        assertThat(body.get("fullName").asString()).isEqualTo("Nguyễn Thị Hạnh");
        assertThat(body.get("idNumber").asString()).isEqualTo("001190012345");
        assertThat(body.get("phone").asString()).isEqualTo("0912345678");
        assertThat(body.get("scanReferences").get(0).asString()).isEqualTo("scans/2026/0001-p1.png");

        ResponseEntity<String> trail = get("/api/v1/feedback/fb-1/identity/reads", inspector());
        assertThat(trail.getStatusCode().value()).isEqualTo(200);
        assertThat(trail.getHeaders().getCacheControl()).isEqualTo("no-store");
        JsonNode reads = json(trail).get("reads");
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).get("officerId").asString()).isEqualTo("tt-hn-07");
        assertThat(reads.get(0).get("unitCode").asString()).isEqualTo(HA_NOI);
        assertThat(reads.get(0).get("reason").asString()).isEqualTo("Thanh tra xác minh đơn tố cáo");
        assertThat(Instant.parse(reads.get(0).get("at").asString())).isBeforeOrEqualTo(Instant.now());

        assertThat(get("/api/v1/feedback/fb-1/identity/reads", officer("cb-01", HA_NOI, "PROVINCE_OFFICER"))
                        .getStatusCode()
                        .value())
                .isEqualTo(403);
        assertThat(get("/api/v1/feedback/fb-1/identity/reads", officer("tt-cb-01", CAO_BANG, "INSPECTOR"))
                        .getStatusCode()
                        .value())
                .isEqualTo(404);
        assertThat(output.getAll()).contains("/api/v1/feedback/fb-1/identity").doesNotContain(HANH_VALUES);
    }

    @Test
    void sealingAndOpeningLogNoIdentityValue(CapturedOutput output) {
        vault.seal("fb-1", HANH);
        vault.open("fb-1", INSPECTOR, "xác minh");
        vault.hasIdentity("fb-1");

        assertThat(output.getAll()).contains("fb-1").doesNotContain(HANH_VALUES);
    }

    private int keyId(String feedbackId) {
        return mongo.getDb()
                .getCollection(IdentityVault.IDENTITIES)
                .find(Filters.eq("_id", feedbackId))
                .first()
                .getInteger("keyId");
    }

    private ResponseEntity<String> get(String path, Map<String, String> headers) {
        return http.get()
                .uri(path)
                .headers(h -> {
                    if (headers != null) {
                        headers.forEach(h::set);
                    }
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, "vi");
                })
                .retrieve()
                .toEntity(String.class);
    }

    private static Map<String, String> inspector() {
        return officer(INSPECTOR.id(), HA_NOI, "INSPECTOR");
    }

    private static Map<String, String> officer(String id, String unit, String roles) {
        return Map.of("Authorization", "Bearer " + TestIdentityProvider.shared().token(id, unit, roles.split(",")));
    }

    private static JsonNode json(ResponseEntity<String> response) {
        return JsonMapper.shared().readTree(response.getBody());
    }

    /** Stands in for the feedback feature's lookup of an item's responsible unit. */
    static class ResponsibleUnits implements FeedbackUnitLookup {

        private final Map<String, String> units = new ConcurrentHashMap<>();

        void put(String feedbackId, String unitCode) {
            units.put(feedbackId, unitCode);
        }

        @Override
        public Optional<String> responsibleUnit(String feedbackId) {
            return Optional.ofNullable(units.get(feedbackId));
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Units {

        /** Primary over the feedback feature's own lookup, so these tests need no stored items. */
        @Bean
        @org.springframework.context.annotation.Primary
        ResponsibleUnits responsibleUnits() {
            return new ResponsibleUnits();
        }
    }
}
