package dev.orrery.adopt.conf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaproxyConfTest {

    @Test
    void sectionsLinesQuotesAndComments() throws Exception {
        HaproxyConf c = HaproxyConf.parse("/etc/haproxy/haproxy.cfg", """
                # top comment
                global
                    log /dev/log local0   # where logs go
                frontend www
                    bind *:443 ssl crt /etc/haproxy/a\\ b.pem
                    http-request return status 200 string "orrery \\"x\\" # not a comment" if { path /o }
                    acl api path_beg '/api # literal'
                backend crater
                    server app-1 10.0.1.73:3000 check
                """);
        assertThat(c.sections()).extracting(Directive::head).containsExactly("global", "frontend www", "backend crater");
        Directive www = c.sections("frontend").get(0);
        assertThat(www.block().get(0).args()).containsExactly("*:443", "ssl", "crt", "/etc/haproxy/a b.pem");
        assertThat(www.block().get(1).args()).contains("orrery \"x\" # not a comment");
        assertThat(www.block().get(2).args()).containsExactly("api", "path_beg", "/api # literal");
        assertThat(c.sections().get(0).block().get(0).original()).isEqualTo("log /dev/log local0");
        assertThat(c.sections("backend").get(0).block().get(0).line()).isEqualTo(9);
    }

    @Test
    void aLineOutsideASectionOrAnOpenQuoteIsRefusedWithItsLine() {
        assertThatThrownBy(() -> HaproxyConf.parse("h.cfg", "  maxconn 10\nglobal\n")).hasMessageContaining("h.cfg:1").hasMessageContaining("outside any section");
        assertThatThrownBy(() -> HaproxyConf.parse("h.cfg", "global\n  log \"open\n")).hasMessageContaining("h.cfg:2").hasMessageContaining("unclosed quote");
    }
}
