package vn.danvan.statistics.dashboard;

/**
 * The deployment the dashboard's and the units API's tests run: the reference tree plus one agency under Đà Nẵng.
 * Every such test class names the same properties, so they share one Spring context.
 */
public final class DashboardTestSetup {

    public static final String AGENCY_CODE = "danvan.units.extra[0].code=BDV-48";
    public static final String AGENCY_NAME = "danvan.units.extra[0].name=Ban Dân vận Thành ủy Đà Nẵng";
    public static final String AGENCY_TYPE = "danvan.units.extra[0].type=AGENCY";
    public static final String AGENCY_PARENT = "danvan.units.extra[0].parent=48";

    private DashboardTestSetup() {}
}
