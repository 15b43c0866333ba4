package io.gpm2dv.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP against a running emulator, the way a Dataverse client talks to the Web API. */
final class EmulatorHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final DataverseEmulator emulator;
    private String token;

    EmulatorHttp(DataverseEmulator emulator) {
        this.emulator = emulator;
    }

    /** A response with its body parsed when it is JSON. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String errorCode() {
            return json().path("error").path("code").asText(null);
        }

        String errorMessage() {
            return json().path("error").path("message").asText(null);
        }
    }

    Reply token(String form) {
        return send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/local-tenant/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    String accessToken() {
        if (token == null) {
            Reply r = token("grant_type=client_credentials&client_id=gpm2dv-test&client_secret=s&scope="
                    + URLEncoder.encode(emulator.baseUrl() + "/.default", StandardCharsets.UTF_8));
            token = r.json().path("access_token").asText();
        }
        return token;
    }

    Reply get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    Reply post(String path, String body, String... headers) {
        return call("POST", path, body, headers);
    }

    Reply patch(String path, String body, String... headers) {
        return call("PATCH", path, body, headers);
    }

    Reply delete(String path) {
        return call("DELETE", path, null);
    }

    /** {@code path} relative to {@code /api/data/v9.2/}, or absolute (a nextLink). */
    Reply call(String method, String path, String body, String... headers) {
        String url = path.startsWith("http") ? path : emulator.baseUrl() + "/api/data/v9.2/" + path;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + accessToken())
                .header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    /** Like {@link #call} but with the body sent as is, under the Content-Type given in {@code headers}. */
    Reply callRaw(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/api/data/v9.2/" + path))
                .header("Authorization", "Bearer " + accessToken())
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    Reply raw(HttpRequest.Builder b) {
        return send(b);
    }

    private Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The id at the end of an {@code OData-EntityId}. */
    static UUID idOf(Reply r) {
        String e = r.header("OData-EntityId");
        return UUID.fromString(e.substring(e.lastIndexOf('(') + 1, e.length() - 1));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
