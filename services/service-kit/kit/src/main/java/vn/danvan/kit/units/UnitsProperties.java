package vn.danvan.kit.units;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deployment settings of the unit tree.
 *
 * @param extra units the deployment adds under the reference provinces and communes: agencies and
 *     organisations, and districts for deployments that still report by district
 */
@ConfigurationProperties("danvan.units")
record UnitsProperties(List<ExtraUnit> extra) {

    UnitsProperties {
        extra = extra == null ? List.of() : List.copyOf(extra);
    }
}
