package vn.danvan.kit.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small service on the kit, for tests that need a real server with the kit's auto-configuration. */
@SpringBootApplication
public class KitTestApplication {}
