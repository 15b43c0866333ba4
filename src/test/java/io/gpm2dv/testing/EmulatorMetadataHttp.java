package io.gpm2dv.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.gpm2dv.schema.MetadataHttp;

/** The schema step's metadata calls over plain HTTP to an emulator (no Quarkus); records every POSTed path. */
public final class EmulatorMetadataHttp implements MetadataHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String token;
    public final List<String> posts = new ArrayList<>();

    public EmulatorMetadataHttp(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public JsonNode get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).header("Consistency", "Strong").GET());
        if (r.statusCode() == 404) {
            return null;
        }
        return json(r, path);
    }

    @Override
    public void post(String path, ObjectNode body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(b::header);
        posts.add(path);
        HttpResponse<String> r = send(b);
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + "/api/data/v9.2/" + path.replace(" ", "%20").replace("'", "%27").replace("$", "%24")
                .replace("%24select", "$select"));
    }

    private static JsonNode json(HttpResponse<String> r, String path) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.header("Authorization", "Bearer " + token()).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            String form = "grant_type=client_credentials&client_id=schema-test&client_secret=x&scope="
                    + URLEncoder.encode(baseUrl + "/.default", StandardCharsets.UTF_8);
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/test-tenant/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            token = JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
        }
        return token;
    }
}
