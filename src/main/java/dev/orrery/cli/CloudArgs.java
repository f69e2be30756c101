package dev.orrery.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Arguments of the cloud commands: positionals and {@code --flag value} / {@code --flag=value}
 * options (repeatable), checked against the options the command knows.
 */
final class CloudArgs {
    final List<String> positional = new ArrayList<>();
    private final Map<String, List<String>> options = new HashMap<>();

    static CloudArgs parse(List<String> args, Set<String> withValue, Set<String> switches, String usage) throws UsageException {
        CloudArgs a = new CloudArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                a.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name) && value == null) {
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
            } else if (withValue.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--" + name + " needs a value; usage: " + usage);
                    }
                    value = args.get(++i);
                }
                a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else {
                throw new UsageException("unknown option --" + name + "; usage: " + usage);
            }
        }
        return a;
    }

    String get(String name) {
        List<String> v = options.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    int intValue(String name, int dflt, int min, int max) throws UsageException {
        String v = get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new UsageException("--" + name + " must be between " + min + " and " + max + " (got " + v + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number (got \"" + v + "\")");
        }
    }

    String positional(int i, String what, String usage) throws UsageException {
        if (positional.size() <= i) {
            throw new UsageException("missing " + what + "; usage: " + usage);
        }
        return positional.get(i);
    }
}
