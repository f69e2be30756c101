package dev.orrery.adopt;

/**
 * What an import did with one thing it found: a directive of the live balancer, an option of a
 * mup file, a droplet. Every thing found gets exactly one item, so nothing is dropped unseen.
 *
 * @param where   where it was found ({@code /etc/nginx/sites-enabled/crater:7}, {@code mup.json})
 * @param what    the thing itself ({@code ip_hash;}, {@code servers[0].pem})
 * @param outcome what became of it
 * @param detail  the model field it went to, where it is kept, or why it was not imported
 */
public record ImportItem(String where, String what, Outcome outcome, String detail) {

    public enum Outcome {
        /** Read into the cluster model. */
        MAPPED("mapped"),
        /** Not modelled; written back as it is on every push. */
        KEPT("kept as is"),
        /** Orrery writes its own value instead; the detail says which and why. */
        REPLACED("replaced"),
        /** Not imported; the detail says why (a push would remove it). */
        REFUSED("refused"),
        /** A source option with no place in Orrery (mup options); the detail says why. */
        NOT_MAPPED("not mapped");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public static ImportItem mapped(String where, String what, String detail) {
        return new ImportItem(where, what, Outcome.MAPPED, detail);
    }

    public static ImportItem kept(String where, String what, String detail) {
        return new ImportItem(where, what, Outcome.KEPT, detail);
    }

    public static ImportItem replaced(String where, String what, String detail) {
        return new ImportItem(where, what, Outcome.REPLACED, detail);
    }

    public static ImportItem refused(String where, String what, String detail) {
        return new ImportItem(where, what, Outcome.REFUSED, detail);
    }

    public static ImportItem notMapped(String where, String what, String detail) {
        return new ImportItem(where, what, Outcome.NOT_MAPPED, detail);
    }
}
