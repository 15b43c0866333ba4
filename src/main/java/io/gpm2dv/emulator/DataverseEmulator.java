package io.gpm2dv.emulator;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * A local stand-in for a Dataverse environment and its Entra ID token endpoint, strict where Dataverse is
 * strict. {@link #start(EmulatorOptions)} serves {@code http://localhost:<port>}; a client configured with that
 * base URL and token URL {@code <base>/<tenant>/oauth2/v2.0/token} works unchanged.
 */
public final class DataverseEmulator implements AutoCloseable {
    private final EmulatorOptions options;
    private final Identity identity = Identity.standard();
    private final RecordStore store;
    private final BulkActions bulk;
    private final StateFile stateFile;
    private final Vertx vertx;
    private HttpServer server;

    private DataverseEmulator(EmulatorOptions options) {
        this.options = options;
        this.store = new RecordStore(Schema.load());
        EntityWrites writes = new EntityWrites(identity);
        this.bulk = new BulkActions(store, writes, options.bulkDisabledTables());
        this.stateFile = options.stateFile() == null ? null : new StateFile(options.stateFile());
        seed();
        if (stateFile != null) {
            store.afterCommit(() -> stateFile.write(store.toJson()));
        }
        this.vertx = Vertx.vertx();
    }

    /** Starts an emulator; it is serving when this returns. */
    public static DataverseEmulator start(EmulatorOptions options) {
        DataverseEmulator e = new DataverseEmulator(options);
        HttpFront front = new HttpFront(e, new TokenService(), new Throttle(options), new WebApi(e.store, e.identity, e.bulk));
        try {
            e.server = e.vertx.createHttpServer().requestHandler(front.router(e.vertx)).listen(options.port())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            e.close();
            throw new IllegalStateException("the Dataverse emulator could not listen on port " + options.port(), ex);
        }
        return e;
    }

    private void seed() {
        Seeder.seed(store, identity, options.usersFile(), bulk::supported);
        JsonNode saved = stateFile == null ? null : stateFile.read();
        if (saved != null) {
            store.load(saved);
        }
    }

    public int port() {
        return server.actualPort();
    }

    /** {@code http://localhost:<port>}: the environment URL (Web API under {@code /api/data/v9.2/}). */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The application user the issued tokens act as (WhoAmI's UserId) and the other fixed ids. */
    public Identity identity() {
        return identity;
    }

    /** The privileges callers hold (every one by default); revoke one to see Dataverse's refusal. Reset restores them. */
    public Privileges privileges() {
        return store.privileges();
    }

    /** Every record of every table, as JSON (also served at {@code GET /emulator/state}). */
    public String stateAsJson() {
        return store.toJson().toString();
    }

    /** Forgets every record and seeds a fresh environment (the state file, if any, is rewritten). */
    public void reset() {
        store.clear();
        Seeder.seed(store, identity, options.usersFile(), bulk::supported);
        if (stateFile != null) {
            stateFile.write(store.toJson());
        }
    }

    @Override
    public void close() {
        CountDownLatch done = new CountDownLatch(1);
        vertx.close().onComplete(ar -> done.countDown());
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --port N --users-file F --state-file F [--throttle-every N] [--bulk-disabled t1,t2]}. */
    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions o = EmulatorOptions.defaults().withPort(8091);
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> o = o.withPort(Integer.parseInt(v));
                case "--users-file" -> o = o.withUsersFile(Path.of(v));
                case "--state-file" -> o = o.withStateFile(Path.of(v));
                case "--throttle-every" -> o = o.withThrottleEveryNth(Integer.parseInt(v));
                case "--bulk-disabled" -> o = o.withBulkDisabled(new LinkedHashSet<>(Set.of(v.split(","))));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DataverseEmulator e = start(o);
        System.out.println("Dataverse emulator at " + e.baseUrl() + " (Web API " + e.baseUrl()
                + "/api/data/v9.2/, token " + e.baseUrl() + "/<tenant>/oauth2/v2.0/token)");
        Runtime.getRuntime().addShutdownHook(new Thread(e::close));
        Thread.currentThread().join();
    }
}
