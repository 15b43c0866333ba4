package io.gpm2dv.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code emulator.clients}: only registered applications get a token, with Entra ID's refusals; each is an application user. */
class RegisteredClientsTest {

    private static Map<String, String> clients() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("gpm2dv-local", "local-only-secret");
        c.put("bench-2", "secret-2");
        return c;
    }

    private static EmulatorHttp.Reply token(EmulatorHttp h, DataverseEmulator e, String id, String secret) {
        return h.token("grant_type=client_credentials&client_id=" + EmulatorHttp.enc(id) + "&client_secret="
                + EmulatorHttp.enc(secret) + "&scope=" + EmulatorHttp.enc(e.baseUrl() + "/.default"));
    }

    private static EmulatorHttp.Reply whoAmI(EmulatorHttp h, DataverseEmulator e, String token) {
        return h.raw(HttpRequest.newBuilder(URI.create(e.baseUrl() + "/api/data/v9.2/WhoAmI"))
                .header("Authorization", "Bearer " + token));
    }

    @Test
    void unknownClientIs400UnauthorizedClient_wrongSecretIs401InvalidClient_asEntraIdAnswers() {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withClients(clients()))) {
            EmulatorHttp h = new EmulatorHttp(e);
            EmulatorHttp.Reply unknown = token(h, e, "stranger", "local-only-secret");
            assertEquals(400, unknown.status());
            assertEquals("unauthorized_client", unknown.json().path("error").asText());
            assertTrue(unknown.json().path("error_description").asText().startsWith(
                    "AADSTS700016: Application with identifier 'stranger' was not found in the directory 'local-tenant'."),
                    unknown.body());
            assertEquals(700016, unknown.json().path("error_codes").get(0).asInt());

            EmulatorHttp.Reply wrong = token(h, e, "bench-2", "local-only-secret");
            assertEquals(401, wrong.status());
            assertEquals("invalid_client", wrong.json().path("error").asText());
            assertEquals("AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is "
                    + "the client secret value, not the client secret ID, for a secret added to app 'bench-2'.",
                    wrong.json().path("error_description").asText());
            assertEquals(7000215, wrong.json().path("error_codes").get(0).asInt());

            assertEquals(200, token(h, e, "gpm2dv-local", "local-only-secret").status());
            assertEquals(200, token(h, e, "bench-2", "secret-2").status());
        }
    }

    @Test
    void everyRegisteredClientIsAnApplicationUser_whoAmIAnswersEachWithItsOwn() {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults().withClients(clients()))) {
            EmulatorHttp h = new EmulatorHttp(e);
            String first = token(h, e, "gpm2dv-local", "local-only-secret").json().path("access_token").asText();
            String second = token(h, e, "bench-2", "secret-2").json().path("access_token").asText();
            String firstUser = whoAmI(h, e, first).json().path("UserId").asText();
            String secondUser = whoAmI(h, e, second).json().path("UserId").asText();
            assertEquals(e.identity().applicationUserId().toString(), firstUser);
            assertEquals(Identity.extraApplicationUser("bench-2").toString(), secondUser);
            assertNotEquals(firstUser, secondUser);
            EmulatorHttp.Reply row = h.raw(HttpRequest.newBuilder(URI.create(e.baseUrl() + "/api/data/v9.2/systemusers("
                    + secondUser + ")?$select=fullname,accessmode,applicationid")).header("Authorization", "Bearer " + second));
            assertEquals(200, row.status(), row.body());
            assertEquals("# gpm2dv migration (application user bench-2)", row.json().path("fullname").asText());
            assertEquals(4, row.json().path("accessmode").asInt());
            assertEquals(Identity.extraApplication("bench-2").toString(), row.json().path("applicationid").asText());
        }
    }

    @Test
    void withoutRegisteredClientsAnyClientAndSecretGetATokenAndActAsTheApplicationUser() {
        try (DataverseEmulator e = DataverseEmulator.start(EmulatorOptions.defaults())) {
            EmulatorHttp h = new EmulatorHttp(e);
            EmulatorHttp.Reply r = token(h, e, "anyone", "anything");
            assertEquals(200, r.status());
            assertEquals(e.identity().applicationUserId().toString(),
                    whoAmI(h, e, r.json().path("access_token").asText()).json().path("UserId").asText());
        }
    }
}
