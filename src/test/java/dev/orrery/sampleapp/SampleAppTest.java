package dev.orrery.sampleapp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs release jars built by {@link SampleReleases} as real processes, as the sandbox does. */
class SampleAppTest {

    @TempDir
    Path dir;

    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private int start(String version, boolean broken) throws Exception {
        Path jar = SampleReleases.write(dir.resolve("sample-" + version + ".jar"), version, broken);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", jar.toString())).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("SERVER_NAME", "app-7");
        process = pb.start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
        assertThat(first).contains("listening");
        return port;
    }

    @Test
    void everyAnswerNamesTheServerAndVersion() throws Exception {
        int port = start("v2", false);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("v2").contains("app-7");
        assertThat(get.headers().firstValue("X-App-Version")).contains("v2");
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
                .POST(HttpRequest.BodyPublishers.ofString("12345")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.body()).contains("posted 5 bytes").contains("v2");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void aBrokenReleaseFailsItsHealthCheckAndAFileCanFailAHealthyOne() throws Exception {
        int port = start("v3", true);
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        stop();
        port = start("v1", false);
        health = URI.create("http://127.0.0.1:" + port + "/health");
        assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        java.nio.file.Files.writeString(dir.resolve("FAIL_HEALTH"), "");
        assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
    }

    @Test
    void theWebSocketGreetsAndEchoes() throws Exception {
        int port = start("v1", false);
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Void> two = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/websocket"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                messages.add(data.toString());
                if (messages.size() == 2) {
                    two.complete(null);
                }
                webSocket.request(1);
                return null;
            }
        }).get(5, TimeUnit.MINUTES);
        ws.sendText("ping-42", true).get(5, TimeUnit.MINUTES);
        two.get(5, TimeUnit.MINUTES);
        assertThat(messages.get(0)).isEqualTo("hello from app-7 v1");
        assertThat(messages.get(1)).contains("echo: ping-42");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.MINUTES);
    }
}
