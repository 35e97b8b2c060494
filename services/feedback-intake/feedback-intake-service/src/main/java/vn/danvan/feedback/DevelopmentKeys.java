package vn.danvan.feedback;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Whether this run may use the development keys: the identity keyset committed in application.yml (its key is
 * public) and, without a contact-key secret, a random contact key of this process. Only when the deployment says
 * explicitly that it is a developer's machine or a test ({@value #ALLOW_PROPERTY}=true, which infra/dev and the tests
 * set), and never under a production profile: a deployment that merely forgot its keys, whatever its profile is
 * called, refuses to start rather than seal real identities under a key anyone can read.
 */
public final class DevelopmentKeys {

    public static final String ALLOW_PROPERTY = "danvan.feedback.allow-development-keys";

    /** A production deployment (`prod` or `production`): the allowance above counts for nothing there. */
    static final Profiles PRODUCTION = Profiles.of("prod | production");

    private DevelopmentKeys() {}

    /** True when the run said it is a development or test run, and is not a production one. */
    public static boolean allowed(Environment environment) {
        return environment.getProperty(ALLOW_PROPERTY, Boolean.class, false)
                && !environment.acceptsProfiles(PRODUCTION);
    }

    /**
     * The end of a refusal: how a development or test run says it is one, or why that does not count here. The
     * start of the message names the property to set and how to make its value.
     */
    public static String howToAllow(Environment environment) {
        if (environment.acceptsProfiles(PRODUCTION)) {
            return " A prod/production profile never uses the development keys, whatever " + ALLOW_PROPERTY
                    + " (DANVAN_FEEDBACK_ALLOW_DEVELOPMENT_KEYS) says.";
        }
        return " Only a developer's machine or a test may use the development keys, and must say so:"
                + " DANVAN_FEEDBACK_ALLOW_DEVELOPMENT_KEYS=true (" + ALLOW_PROPERTY + "=true; infra/dev sets it).";
    }
}
