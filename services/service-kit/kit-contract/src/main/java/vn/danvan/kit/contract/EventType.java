package vn.danvan.kit.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The CloudEvents {@code type} of an event record: {@code value() + ".v" + version()}, for example
 * {@code vn.danvan.feedback.FeedbackReceived.v1}. A breaking change makes a new record with a new version; the old
 * one stays published until every consumer has moved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Reverse-DNS name without version, e.g. {@code vn.danvan.feedback.FeedbackReceived}. */
    String value();

    /** Schema version of the record, starting at 1. */
    int version();
}
