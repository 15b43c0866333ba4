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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a person inspecting the target would do, over real HTTP: take a token from the emulator's token
 * endpoint and query the Web API. Tests assert on what Dataverse holds, never on the product's own state.
 */
public final class DataverseTestClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private String token;

    public DataverseTestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** Every row of {@code entitySet} matching {@code filter} (null: all; {@code select} null: all columns), following every nextLink. */
    public List<JsonNode> query(String entitySet, String select, String filter) {
        StringBuilder url = new StringBuilder(baseUrl).append("/api/data/v9.2/").append(entitySet).append("?");
        if (select != null) {
            url.append("$select=").append(select).append("&");
        }
        if (filter != null) {
            url.append("$filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        List<JsonNode> rows = new ArrayList<>();
        String next = url.toString();
        while (next != null) {
            JsonNode page = get(next);
            page.path("value").forEach(rows::add);
            next = page.hasNonNull("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        return rows;
    }

    /** One record by id, or null when Dataverse answers 404. */
    public JsonNode retrieve(String entitySet, Object id) {
        HttpResponse<String> r = send(baseUrl + "/api/data/v9.2/" + entitySet + "(" + id + ")");
        if (r.statusCode() == 404) {
            return null;
        }
        return parse(r);
    }

    /** A column's raw value ({@code <set>(<id>)/<column>/$value}, e.g. a note's base64 {@code documentbody}); null on 404. */
    public String value(String entitySet, Object id, String column) {
        HttpResponse<String> r = send(baseUrl + "/api/data/v9.2/" + entitySet + "(" + id + ")/" + column + "/$value");
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("emulator answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private JsonNode get(String url) {
        return parse(send(url));
    }

    private JsonNode parse(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("emulator answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a record, as someone working in Dataverse might; true when it was there. */
    public boolean delete(String entitySet, Object id) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/data/v9.2/" + entitySet + "(" + id + ")"))
                    .header("Authorization", "Bearer " + token()).DELETE().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 204;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes as someone working in Dataverse might: {@code method} ({@code POST}, {@code PATCH}) of a JSON body to a
     * path under the Web API ({@code contacts(<id>)}); returns the status code.
     */
    public int write(String method, String path, String jsonBody) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/data/v9.2/" + path))
                    .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody)).build();
            return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json").GET().build();
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            String form = "grant_type=client_credentials&client_id=test-inspector&client_secret=x&scope="
                    + URLEncoder.encode(baseUrl + "/.default", StandardCharsets.UTF_8);
            HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/test-tenant/oauth2/v2.0/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            token = JSON.readTree(r.body()).path("access_token").asText();
        }
        return token;
    }
}
