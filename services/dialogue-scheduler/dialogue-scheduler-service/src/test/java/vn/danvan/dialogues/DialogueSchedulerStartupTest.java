package vn.danvan.dialogues;

import vn.danvan.kit.test.ServiceStartupContract;

class DialogueSchedulerStartupTest extends ServiceStartupContract {

    DialogueSchedulerStartupTest() {
        super("danvan.dialogues.v1", "danvan_dialogues");
    }
}
