package dev.orrery.cloud.fake;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fake API on a local server, called over HTTP as DigitalOcean's clients call it, each answer
 * checked against the OpenAPI spec's schema for it: the fixture the spec conformance tests
 * ({@link SpecConformanceTest}, {@link LoadBalancerSpecConformanceTest}) share: a
 * {@code @RegisterExtension} instance field, so each test gets its own fake and server.
 */
final class SpecCheckedApi implements BeforeEachCallback, AfterEachCallback {
    static final String TOKEN = "dop_v1_conformance";
    private static SpecSchemas spec;

    final FakeDigitalOcean fake = new FakeDigitalOcean(TOKEN);
    final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server.setDispatcher(fake);
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    /** The spec, read once per test JVM (it is large). */
    static synchronized SpecSchemas spec() {
        if (spec == null) {
            spec = SpecSchemas.locate();
        }
        return spec;
    }

    /** Calls the fake, checks the status, and checks the body against the spec's schema for that answer. */
    JsonNode call(String method, String target, JsonNode body, String specPath, String specMethod, int status) throws IOException {
        return callWith(TOKEN, method, target, body, specPath, specMethod, status);
    }

    /** {@link #call} with another bearer token. */
    JsonNode callWith(String token, String method, String target, JsonNode body, String specPath, String specMethod, int status)
            throws IOException {
        JsonNode json = send(token, method, target, body, status);
        SpecSchemas.S schema = spec().response(specPath, specMethod, status);
        assertThat(schema).as("schema for " + status).isNotNull();
        assertThat(spec().validate(json, schema)).as(method + " " + target + " → " + status + " against the spec").isEmpty();
        return json;
    }

    /** Calls the fake and checks the status only: the caller checks the body (an answer the spec has no schema of its own for). */
    JsonNode send(String method, String target, JsonNode body, int status) throws IOException {
        return send(TOKEN, method, target, body, status);
    }

    /** Calls the fake, expecting 204 and no body (as the spec documents every 204: no schema at all). */
    void noContent(String method, String target, JsonNode body) throws IOException {
        try (Response r = http.newCall(request(TOKEN, method, target, body)).execute()) {
            assertThat(r.code()).as(method + " " + target).isEqualTo(204);
            assertThat(r.body().string()).isEmpty();
        }
    }

    private JsonNode send(String token, String method, String target, JsonNode body, int status) throws IOException {
        try (Response r = http.newCall(request(token, method, target, body)).execute()) {
            assertThat(r.code()).as(method + " " + target).isEqualTo(status);
            return FakeJson.M.readTree(r.body().string());
        }
    }

    private Request request(String token, String method, String target, JsonNode body) {
        RequestBody rb = body == null ? null : RequestBody.create(body.toString(), MediaType.get("application/json"));
        return new Request.Builder().url(server.url(target)).method(method, rb).header("Authorization", "Bearer " + token).build();
    }
}
