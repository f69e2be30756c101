package dev.orrery.adopt.conf;

/**
 * One directive of a flattened configuration: the context it sits in ({@code upstream crater},
 * {@code server :443 › location /}), the key that pairs it with its counterpart in another
 * configuration ({@code proxy_set_header Host}), its value in a normal form (units, defaults and
 * quoting evened out) and the text to show.
 */
public record ConfEntry(String context, String key, String value, String shown, String where) {
}
