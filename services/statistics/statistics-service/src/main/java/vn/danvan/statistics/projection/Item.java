package vn.danvan.statistics.projection;

import org.bson.Document;

/**
 * The state the statistics keep about one item (e.g. a feedback item: its unit, whether it is pending or overdue),
 * so that later events of the item count right. Stored by key, one document per item.
 */
public final class Item {

    private final String key;
    private final Document state;
    private boolean changed;

    Item(String key, Document state) {
        this.key = key;
        this.state = state;
    }

    public String key() {
        return key;
    }

    /** Whether nothing is known about the item yet. */
    public boolean isNew() {
        return state.isEmpty();
    }

    public String getString(String field) {
        return state.getString(field);
    }

    public boolean is(String field) {
        return Boolean.TRUE.equals(state.getBoolean(field));
    }

    public java.util.Date getDate(String field) {
        return state.getDate(field);
    }

    public void set(String field, Object value) {
        state.put(field, value);
        changed = true;
    }

    Document state() {
        return state;
    }

    boolean changed() {
        return changed;
    }
}
