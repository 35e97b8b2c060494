package vn.danvan.statistics;

import vn.danvan.kit.test.ServiceStartupContract;

class StatisticsStartupTest extends ServiceStartupContract {

    StatisticsStartupTest() {
        super("danvan.statistics.v1", "danvan_statistics");
    }
}
