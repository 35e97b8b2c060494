package vn.danvan.statistics.dashboard;

/**
 * The deployment the dashboard's and the units API's tests run: the reference tree plus one agency under Đà Nẵng.
 * Every such test class names the same properties, so they share one Spring context, with its own store and
 * consumer group.
 */
public final class DashboardTestSetup {

    public static final String AGENCY_CODE = "danvan.units.extra[0].code=BDV-48";
    public static final String AGENCY_NAME = "danvan.units.extra[0].name=Ban Dân vận Thành ủy Đà Nẵng";
    public static final String AGENCY_TYPE = "danvan.units.extra[0].type=AGENCY";
    public static final String AGENCY_PARENT = "danvan.units.extra[0].parent=48";

    /** A store of their own: figures other test classes project do not show on these pages. */
    public static final String DATABASE = "danvan.test.database=statistics_dashboard";

    /**
     * A consumer group of their own: another test context in the same JVM (e.g. the startup test's, group
     * {@code statistics}) must not take the partitions of the events these tests publish.
     */
    public static final String OWN_GROUP =
            "spring.cloud.stream.bindings.statisticsProjector-in-0.group=statistics-dashboard-${random.uuid}";

    /**
     * The server ends every stream after 4 s, so the page's EventSource reconnects (with Last-Event-ID) several times
     * during a test, as after a dropped connection; a heartbeat every second opens each stream for the browser (the
     * first bytes the server sends).
     */
    public static final String SHORT_STREAMS = "danvan.statistics.stream.timeout=4s";

    public static final String FAST_HEARTBEAT = "danvan.statistics.stream.heartbeat=1s";

    private DashboardTestSetup() {}
}
