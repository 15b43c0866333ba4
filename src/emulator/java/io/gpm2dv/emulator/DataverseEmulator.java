package io.gpm2dv.emulator;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * A local stand-in for a Dataverse environment and its Entra ID token endpoint, strict where Dataverse is
 * strict. {@link #start(EmulatorOptions)} serves {@code http://localhost:<port>}; a client configured with that
 * base URL and token URL {@code <base>/<tenant>/oauth2/v2.0/token} works unchanged (any other name of this host,
 * e.g. {@code 127.0.0.1}, works too: links in answers follow the request's Host). Inside a Quarkus process the
 * same routes can instead be mounted on Quarkus's own HTTP server (the standalone {@code emulator} profile).
 */
public final class DataverseEmulator implements AutoCloseable {
    private final EmulatorOptions options;
    private final Identity identity = Identity.standard();
    private final RecordStore store;
    private final BulkActions bulk;
    private final StateFile stateFile;
    private final TokenService tokens;
    private final Throttle throttle;
    private final FaultInjector faults;
    private final Incidents incidents;
    private final HttpFront front;
    private final Vertx vertx;
    private HttpServer server;
    private IntSupplier mountedPort;

    private DataverseEmulator(EmulatorOptions options, boolean ownServer) {
        this.options = options;
        this.store = new RecordStore(options.emptyOrg() ? Schema.loadEmptyOrg() : Schema.load());
        EntityWrites writes = new EntityWrites(identity);
        this.bulk = new BulkActions(store, writes, options.bulkDisabledTables());
        this.stateFile = options.stateFile() == null ? null : new StateFile(options.stateFile(), store::toJson);
        seed();
        if (stateFile != null) {
            store.afterCommit(stateFile::changed);
        }
        this.tokens = new TokenService(options.clock(), options.tokenLifetime(), options.clients());
        this.throttle = new Throttle(options);
        this.faults = new FaultInjector(options.faults(), options.throttleFraction());
        this.incidents = new Incidents(options.clock());
        this.front = new HttpFront(this, options, tokens, throttle, faults, incidents, new WebApi(store, identity, bulk));
        // enough workers that the concurrency limit, not the pool, is what a parallel client meets first
        this.vertx = ownServer ? Vertx.vertx(new VertxOptions().setWorkerPoolSize(
                Math.max(VertxOptions.DEFAULT_WORKER_POOL_SIZE, options.protection().concurrentRequests() + 8))) : null;
    }

    /** Starts an emulator; it is serving when this returns. */
    public static DataverseEmulator start(EmulatorOptions options) {
        DataverseEmulator e = new DataverseEmulator(options, true);
        try {
            e.server = e.vertx.createHttpServer().requestHandler(e.front.router(e.vertx)).listen(options.port())
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception ex) {
            e.close();
            throw new IllegalStateException("the Dataverse emulator could not listen on port " + options.port(), ex);
        }
        return e;
    }

    private void seed() {
        Seeder.seed(store, identity, options.usersFile(), bulk::supported, options.maxUploadFileSize(),
                List.copyOf(options.clients().keySet()));
        JsonNode saved = stateFile == null ? null : stateFile.read();
        if (saved != null) {
            store.load(saved);
        }
        store.forgetDeliveries();
    }

    /**
     * An emulator whose routes are added to {@code router}, a server someone else runs (Quarkus's, in the
     * standalone profile) on the port {@code port} reports; {@link #options} port is ignored.
     */
    static DataverseEmulator mount(Router router, EmulatorOptions options, IntSupplier port) {
        DataverseEmulator e = new DataverseEmulator(options, false);
        e.mountedPort = port;
        e.front.mount(router);
        return e;
    }

    /** The service protection model, for tests that look at its slots. */
    ServiceProtection protection() {
        return throttle.protection();
    }

    public int port() {
        return server != null ? server.actualPort() : mountedPort.getAsInt();
    }

    /**
     * {@code http://localhost:<port>}: the environment URL (Web API under {@code /api/data/v9.2/}); answers' links use
     * it only for a request without a Host header.
     */
    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** Expires every token issued so far: the next call with one gets 401 ExpiredAuthTicket (token renewal tests). */
    public void expireIssuedTokens() {
        tokens.expireAll();
    }

    /** The application user the issued tokens act as (WhoAmI's UserId) and the other fixed ids. */
    public Identity identity() {
        return identity;
    }

    /** The privileges callers hold (every one by default); revoke one to see Dataverse's refusal. Reset restores them. */
    public Privileges privileges() {
        return store.privileges();
    }

    /**
     * Schedules an outage or a long throttle (also {@code POST /emulator/incidents}); it begins after its
     * {@code afterRequests} Web API requests and ends by itself after its duration.
     */
    public void incident(Incident incident) {
        incidents.schedule(incident);
    }

    /** Ends every incident at once (also {@code DELETE /emulator/incidents}). */
    public void endIncidents() {
        incidents.clear();
    }

    /** Whether a scheduled incident is refusing requests now. */
    public boolean incidentInProgress() {
        return incidents.inProgress();
    }

    /**
     * How many times each record was written ("table/id" → committed creates and updates, a state change being
     * one more) since the last reset: what a client delivered, which the state alone cannot show
     * (also {@code GET /emulator/deliveries}).
     */
    public java.util.Map<String, Integer> deliveries() {
        return store.deliveries();
    }

    /** Block uploads begun and not committed: a client that is mid-file, or one that died there. */
    public int openBlockUploads() {
        return store.uploads().open();
    }

    /** Block uploads committed since the last reset ("table/id" → blocks). */
    public java.util.Map<String, Integer> blockUploads() {
        return store.uploads().committed();
    }

    /** Every record of every table, as JSON (also served at {@code GET /emulator/state}). */
    public String stateAsJson() {
        return store.toJson().toString();
    }

    /**
     * Forgets every record and seeds a fresh environment (the state file, if any, is rewritten before this
     * returns); service protection windows, the every-Nth counter and the fault sequence start again. Issued
     * tokens stay valid.
     */
    public void reset() {
        throttle.reset();
        faults.reset();
        incidents.clear();
        store.clear();
        Seeder.seed(store, identity, options.usersFile(), bulk::supported, options.maxUploadFileSize(),
                List.copyOf(options.clients().keySet()));
        store.forgetDeliveries();
        if (stateFile != null) {
            stateFile.flush();
        }
    }

    /** Stops serving (unless mounted: that server belongs to whoever mounted us), then writes the state file. */
    @Override
    public void close() {
        if (vertx != null) {
            CountDownLatch done = new CountDownLatch(1);
            vertx.close().onComplete(ar -> done.countDown());
            try {
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        if (stateFile != null) {
            stateFile.close(); // the next process starts from every committed write
        }
    }

    /**
     * {@code --port N --users-file F --state-file F [--throttle-every N] [--bulk-disabled t1,t2]}; every other
     * option as an {@code -Demulator.*} system property (the keys of docs/emulator.md). Flags win.
     */
    public static void main(String[] args) throws InterruptedException {
        EmulatorOptions o = EmulatorConfig.systemProperties().options();
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
