package vn.danvan.feedback;

import vn.danvan.kit.test.ServiceStartupContract;

class FeedbackIntakeStartupTest extends ServiceStartupContract {

    FeedbackIntakeStartupTest() {
        super("danvan.feedback.v1", "danvan_feedback");
    }
}
