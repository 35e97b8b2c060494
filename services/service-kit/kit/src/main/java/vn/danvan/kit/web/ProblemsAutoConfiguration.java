package vn.danvan.kit.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/** RFC 9457 problem responses for every client error. */
@AutoConfiguration
public class ProblemsAutoConfiguration {}
