package vn.danvan.kit.web;

import java.util.List;
import java.util.Objects;

/**
 * A lifecycle action that the current state does not allow, e.g. recognising a model that is still a
 * draft (409 {@code urn:danvan:problem:illegal-transition}). The response names the current state, the
 * attempted action and the actions that are allowed now.
 */
public class IllegalTransitionException extends RuntimeException {

    private final String currentState;
    private final String action;
    private final List<String> allowedActions;

    public IllegalTransitionException(String currentState, String action, List<String> allowedActions) {
        super("action " + action + " not allowed in state " + currentState);
        this.currentState = Objects.requireNonNull(currentState, "currentState");
        this.action = Objects.requireNonNull(action, "action");
        this.allowedActions = List.copyOf(allowedActions);
    }

    public String currentState() {
        return currentState;
    }

    public String action() {
        return action;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }
}
