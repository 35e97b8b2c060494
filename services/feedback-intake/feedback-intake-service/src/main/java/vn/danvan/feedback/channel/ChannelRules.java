package vn.danvan.feedback.channel;

import java.util.EnumSet;
import java.util.Set;
import vn.danvan.feedback.api.events.v1.Channel;
import vn.danvan.kit.security.Officer;
import vn.danvan.kit.security.Role;
import vn.danvan.kit.web.RuleViolationException;

/**
 * Who may say that something came on which channel, for feedback items and consultation comments alike: the channel
 * is a figure of the statistics and tells officers where to answer. A letter, a hotline call or a reception is
 * entered by the officer who took it, never by the public form; a dialogue's recommendations and imported letters
 * come from inside the platform only.
 */
public final class ChannelRules {

    private static final Set<Channel> ENTERED_BY_OFFICERS =
            EnumSet.of(Channel.HOTLINE, Channel.LETTER, Channel.RECEPTION);

    private static final Set<Channel> FROM_THE_PLATFORM = EnumSet.of(Channel.DIALOGUE, Channel.IMPORT);

    private ChannelRules() {}

    /** Whether an officer entered what came on this channel, for the citizen who sent it. */
    public static boolean enteredByOfficers(Channel channel) {
        return ENTERED_BY_OFFICERS.contains(channel);
    }

    /**
     * 422 naming {@code channel} unless the caller may send on it through the API: {@code feedback.channel.officers-only}
     * for a letter, a hotline call or a reception sent by anyone but a commune or province officer;
     * {@code feedback.channel.not-submittable} for a dialogue or an import, whoever sends it.
     *
     * @param caller the signed-in caller; null when anonymous
     */
    public static void requireSendable(Channel channel, Officer caller) {
        if (ENTERED_BY_OFFICERS.contains(channel)
                && (caller == null || !(caller.has(Role.COMMUNE_OFFICER) || caller.has(Role.PROVINCE_OFFICER)))) {
            throw new RuleViolationException("feedback.channel.officers-only", channel).onField("channel");
        }
        if (FROM_THE_PLATFORM.contains(channel)) {
            throw new RuleViolationException("feedback.channel.not-submittable", channel).onField("channel");
        }
    }
}
