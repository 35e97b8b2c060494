package vn.danvan.kit.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past the limit; an IOException like any read failure. */
final class BodyTooLargeException extends IOException {

    private final long limit;

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
        this.limit = limit;
    }

    long limit() {
        return limit;
    }
}
