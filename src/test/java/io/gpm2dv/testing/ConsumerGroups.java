package io.gpm2dv.testing;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/** What the broker says about the stage consumers' groups. */
public final class ConsumerGroups {
    private ConsumerGroups() {
    }

    /**
     * Waits until each group is stable with {@code members} members. The consumers of one route join one after
     * another (the test broker does not delay the first rebalance, as a production broker does for 3 s), and each
     * join is a rebalance: a test that counts rebalances takes its baseline after this.
     */
    public static void awaitSettled(Admin admin, Collection<String> groups, int members, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, ConsumerGroupDescription> described = Map.of();
        while (System.nanoTime() < deadline) {
            described = admin.describeConsumerGroups(groups).all().get();
            if (described.values().stream()
                    .allMatch(g -> g.groupState() == GroupState.STABLE && g.members().size() == members)) {
                return;
            }
            Thread.sleep(200);
        }
        StringBuilder states = new StringBuilder();
        described.forEach((group, g) -> states.append(' ').append(group).append('=').append(g.groupState())
                .append('/').append(g.members().size()));
        throw new AssertionError("consumer groups not settled with " + members + " members in " + timeout + ":"
                + states);
    }
}
