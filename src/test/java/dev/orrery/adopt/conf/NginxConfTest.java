package dev.orrery.adopt.conf;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NginxConfTest {

    @Test
    void wordsQuotesEscapesVariablesAndComments() throws Exception {
        NginxConf c = NginxConf.of("/etc/nginx/nginx.conf", """
                # a comment { with braces }
                http {
                    log_format main '$remote_addr "$request" ${request_time}s';  # trailing comment
                    check_http_send "GET /health HTTP/1.0\\r\\n\\r\\n";
                    add_header X-Note a\\;b;
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                }
                """, Map.of());
        Directive http = c.root().get(0);
        assertThat(http.name()).isEqualTo("http");
        assertThat(http.line()).isEqualTo(2);
        Directive logFormat = http.block().get(0);
        assertThat(logFormat.args()).containsExactly("main", "$remote_addr \"$request\" ${request_time}s");
        assertThat(logFormat.original()).isEqualTo("log_format main '$remote_addr \"$request\" ${request_time}s';");
        assertThat(http.block().get(1).arg(0)).isEqualTo("GET /health HTTP/1.0\r\n\r\n");
        assertThat(http.block().get(1).head()).isEqualTo("check_http_send \"GET /health HTTP/1.0\\r\\n\\r\\n\"");
        // as nginx itself: an escaped character other than a quote, backslash, t, r or n keeps its backslash
        assertThat(http.block().get(2).args()).containsExactly("X-Note", "a\\;b");
        Directive map = http.block().get(3);
        assertThat(map.block()).extracting(Directive::name).containsExactly("default", "");
        assertThat(map.original()).startsWith("map $http_upgrade").endsWith("close; }");
    }

    @Test
    void syntaxErrorsNameTheFileAndLine() {
        assertThatThrownBy(() -> NginxConf.of("/x.conf", "http {\n  gzip on\n}\n", Map.of()))
                .isInstanceOf(ConfSyntaxException.class).hasMessageContaining("/x.conf:3").hasMessageContaining("unexpected \"}\"");
        assertThatThrownBy(() -> NginxConf.of("/x.conf", "http {\n  gzip on;\n", Map.of()))
                .hasMessageContaining("unexpected end of file, expecting \"}\"");
        assertThatThrownBy(() -> NginxConf.of("/x.conf", "events {}\n}\n", Map.of())).hasMessageContaining("/x.conf:2");
        assertThatThrownBy(() -> NginxConf.of("/x.conf", "a \"open;\n", Map.of())).hasMessageContaining("unclosed quote");
        assertThatThrownBy(() -> NginxConf.fromDump("nginx: [emerg] unknown directive \"check\"\n"))
                .hasMessageContaining("not nginx -T output");
    }

    @Test
    void aDumpSplitsIntoTheExactFilesAndIncludesFollowGlobsInOrder() throws Exception {
        String dump = "# configuration file /etc/nginx/nginx.conf:\n"
                + "events {}\nhttp {\n    include sites/*.conf;\n    include /etc/nginx/none/*;\n}\n\n"
                + "# configuration file /etc/nginx/sites/b.conf:\nserver { listen 81; }\n"
                + "# configuration file /etc/nginx/sites/a.conf:\nserver { listen 80; }\n\n\n";
        Map<String, String> files = NginxConf.splitDump(dump);
        assertThat(files).containsOnlyKeys("/etc/nginx/nginx.conf", "/etc/nginx/sites/b.conf", "/etc/nginx/sites/a.conf");
        assertThat(files.get("/etc/nginx/nginx.conf")).isEqualTo("events {}\nhttp {\n    include sites/*.conf;\n    include /etc/nginx/none/*;\n}\n");
        assertThat(files.get("/etc/nginx/sites/b.conf")).isEqualTo("server { listen 81; }");
        assertThat(files.get("/etc/nginx/sites/a.conf")).isEqualTo("server { listen 80; }\n\n");

        NginxConf c = NginxConf.fromDump(dump);
        Directive include = c.root().get(1).block().get(0);
        assertThat(include.name()).isEqualTo("include");
        assertThat(include.block()).extracting(d -> d.children("listen").get(0).arg(0)).containsExactly("80", "81");
        assertThat(include.block().get(0).file()).isEqualTo("/etc/nginx/sites/a.conf");
        assertThat(c.root().get(1).block().get(1).block()).isEmpty();
        List<Directive> effective = NginxConf.effective(c.root());
        assertThat(effective.get(1).block()).extracting(Directive::name).containsExactly("server", "server");
    }

    @Test
    void theSeedsDumpParses() throws Exception {
        NginxConf c = NginxConf.fromDump(text("/dev/orrery/adopt/seed-nginx-T.txt"));
        assertThat(c.mainFile()).isEqualTo("/etc/nginx/nginx.conf");
        assertThat(c.files()).containsKeys("/etc/nginx/mime.types", "/etc/nginx/sites-enabled/crater");
        Directive http = NginxConf.effective(c.root()).stream().filter(d -> d.name().equals("http")).findFirst().orElseThrow();
        Directive upstream = http.children("upstream").get(0);
        assertThat(upstream.children("check").get(0).args()).containsExactly("interval=750", "rise=2", "fall=2", "timeout=1000", "type=http");
        assertThat(upstream.file()).isEqualTo("/etc/nginx/sites-enabled/crater");
    }

    static String text(String resource) throws Exception {
        try (var in = NginxConfTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
