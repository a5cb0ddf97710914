package io.tickhub.core.fanout;

import java.util.Arrays;

/** Copy-on-write arrays of connections: the bus thread iterates them without a lock. */
final class Subscribers {

    static final Connection[] NONE = new Connection[0];

    private Subscribers() {
    }

    /** {@code current} with {@code connection} appended ({@code current} may be null). */
    static Connection[] plus(Connection[] current, Connection connection) {
        Connection[] base = current == null ? NONE : current;
        Connection[] grown = Arrays.copyOf(base, base.length + 1);
        grown[base.length] = connection;
        return grown;
    }

    /** {@code current} without {@code connection}: the same array when it is not there, null when none is left. */
    static Connection[] minus(Connection[] current, Connection connection) {
        int index = indexOf(current, connection);
        if (index < 0) {
            return current;
        }
        if (current.length == 1) {
            return null;
        }
        Connection[] shrunk = new Connection[current.length - 1];
        System.arraycopy(current, 0, shrunk, 0, index);
        System.arraycopy(current, index + 1, shrunk, index, current.length - index - 1);
        return shrunk;
    }

    static boolean contains(Connection[] current, Connection connection) {
        return indexOf(current, connection) >= 0;
    }

    private static int indexOf(Connection[] current, Connection connection) {
        for (int i = 0; i < current.length; i++) {
            if (current[i] == connection) {
                return i;
            }
        }
        return -1;
    }
}
