package dev.orrery.security;

import dev.orrery.testing.RequiresCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host firewall's one word, read by real nft and iptables in a fresh network namespace: an
 * empty chain left by iptables (the deploy's connection gate adds and deletes its rule) is
 * {@code open}, a rule is {@code other-rules}, Orrery's table is {@code orrery}.
 */
@RequiresCommands({"nft", "unshare", "iptables", "sh"})
class HostStateTest {

    private static String state(String setup) throws Exception {
        Process p = new ProcessBuilder("unshare", "--net", "sh", "-c", setup + "\n" + FirewallCommands.hostState().line())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().reduce((a, b) -> b).orElse("");
    }

    @Test
    void aChainLeftEmptyIsOpenARuleIsOtherRulesAndOrrerysTableIsOrrery() throws Exception {
        assertThat(state("true")).isEqualTo("open");
        assertThat(state("iptables -w -I INPUT -p tcp --dport 3000 -j REJECT && iptables -w -D INPUT -p tcp --dport 3000 -j REJECT")).isEqualTo("open");
        assertThat(state("iptables -w -I INPUT -p tcp --dport 3000 -j REJECT")).isEqualTo("other-rules");
        assertThat(state("nft add table inet x && nft add chain inet x input '{ type filter hook input priority 0; policy drop; }'"))
                .isEqualTo("other-rules");
        assertThat(state("nft add table inet orrery")).isEqualTo("orrery");
    }
}
