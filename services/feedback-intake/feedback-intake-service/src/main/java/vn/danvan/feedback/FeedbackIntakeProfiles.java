package vn.danvan.feedback;

import org.springframework.core.env.Profiles;

/** The deployment profiles the service's own checks look at. */
public final class FeedbackIntakeProfiles {

    /**
     * A production deployment (`prod` or `production`): it refuses the secrets a developer's machine may do without,
     * the public development keyset and a per-process contact key.
     */
    public static final Profiles PRODUCTION = Profiles.of("prod | production");

    private FeedbackIntakeProfiles() {}
}
