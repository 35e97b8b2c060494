package vn.danvan.statistics.dashboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import vn.danvan.kit.test.DanvanIntegrationTest;

/**
 * The deployment the dashboard's and the units API's tests run: the reference tree plus one agency under Đà Nẵng
 * (BDV-48), with a store of its own (figures other test classes project do not show on these pages) and a consumer
 * group of its own (another test context in the same JVM, e.g. the startup test's, must not take the partitions of the
 * events these tests publish). The server ends every stream after 4 s, so the page's EventSource reconnects (with
 * Last-Event-ID) several times during a test, as after a dropped connection. Every class so annotated shares one
 * Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@DanvanIntegrationTest(
        properties = {
            "danvan.units.extra[0].code=BDV-48",
            "danvan.units.extra[0].name=Ban Dân vận Thành ủy Đà Nẵng",
            "danvan.units.extra[0].type=AGENCY",
            "danvan.units.extra[0].parent=48",
            "danvan.test.database=statistics_dashboard",
            "spring.cloud.stream.bindings.statisticsProjector-in-0.group=statistics-dashboard-${random.uuid}",
            "danvan.statistics.stream.timeout=4s",
            "danvan.statistics.stream.heartbeat=1s"
        })
public @interface DashboardIntegrationTest {}
