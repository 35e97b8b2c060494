package vn.danvan.models;

import vn.danvan.kit.test.ServiceStartupContract;

class ModelRegistryStartupTest extends ServiceStartupContract {

    ModelRegistryStartupTest() {
        super("danvan.models.v1", "danvan_models");
    }
}
