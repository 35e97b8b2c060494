package vn.danvan.kit.web;

import java.io.IOException;

/** Thrown while reading a request body that grows past the limit; an IOException like any read failure. */
final class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
