package dev.orrery.tls;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

/**
 * Asks DNS servers for TXT records, to see a dns-01 record before the CA is asked. By default
 * DigitalOcean's own name servers (they answer first, before any cache); {@code ORRERY_DNS_SERVERS}
 * ({@code host[:port],…}) names others, e.g. a test DNS server.
 */
public interface DnsLookup {
    String ENV = "ORRERY_DNS_SERVERS";
    List<String> DIGITALOCEAN = List.of("ns1.digitalocean.com", "ns2.digitalocean.com", "ns3.digitalocean.com");

    /** The TXT values every asked server holds for {@code fqdn}; throws when no server answers. */
    List<String> txt(String fqdn) throws NamingException;

    /** Which servers are asked, for messages. */
    String describe();

    static DnsLookup fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        List<String> servers = v == null || v.isBlank() ? DIGITALOCEAN : List.of(v.strip().split("\\s*,\\s*"));
        return jndi(servers);
    }

    /** Through the JDK's DNS provider: every server must hold the value (a record seen by one of three is not enough). */
    static DnsLookup jndi(List<String> servers) {
        return new DnsLookup() {
            @Override
            public List<String> txt(String fqdn) throws NamingException {
                List<String> common = null;
                for (String server : servers) {
                    Hashtable<String, String> env = new Hashtable<>();
                    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
                    env.put("java.naming.provider.url", "dns://" + server);
                    env.put("com.sun.jndi.dns.timeout.initial", "2000");
                    env.put("com.sun.jndi.dns.timeout.retries", "2");
                    List<String> values = new ArrayList<>();
                    InitialDirContext ctx = new InitialDirContext(env);
                    try {
                        Attributes attrs = ctx.getAttributes(fqdn, new String[]{"TXT"});
                        Attribute txt = attrs.get("TXT");
                        if (txt != null) {
                            NamingEnumeration<?> all = txt.getAll();
                            while (all.hasMore()) {
                                values.add(String.valueOf(all.next()).replace("\"", ""));
                            }
                        }
                    } catch (javax.naming.NameNotFoundException none) {
                        // no record there yet
                    } finally {
                        ctx.close();
                    }
                    if (common == null) {
                        common = values;
                    } else {
                        common.retainAll(values);
                    }
                }
                return common == null ? List.of() : common;
            }

            @Override
            public String describe() {
                return String.join(", ", servers);
            }
        };
    }
}
