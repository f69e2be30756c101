package dev.orrery.adopt;

/**
 * One way the live cluster differs from its file, with what to do about it.
 *
 * @param subject the server (or the balancer, or a droplet) it is about
 */
public record DriftItem(Kind kind, String subject, String finding, String action) {

    public enum Kind {
        BALANCER_EDITED("balancer edited by hand"),
        BALANCER_NOT_PUSHED("balancer not pushed by Orrery yet"),
        BALANCER_BEHIND("balancer behind the cluster"),
        RELEASE("another release"),
        DROPLET_GONE("droplet gone"),
        DROPLET_UNTRACKED("droplet not in the cluster"),
        NOT_IN_BALANCER("not in the balancer"),
        NOT_IN_CLUSTER("in the balancer only"),
        HOST_KEY_CHANGED("host key changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
