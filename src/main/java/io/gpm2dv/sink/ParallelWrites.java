package io.gpm2dv.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.gpm2dv.dataverse.RequestPriority;
import io.gpm2dv.dataverse.RetryBudget;
import io.gpm2dv.pipeline.MigrationConfig;

/**
 * The threads the sink writes on, so that one poll batch keeps several requests in flight. How many actually go at
 * once is not decided here but by each application user's adaptive limit ({@code ApplicationUsers}): a task waits for
 * a slot there. Two pools, so that a batch's task waiting for its records' single writes never holds the threads those
 * writes need: {@code batches} (one task per bulk request's worth of records) and {@code singles} (one task per
 * record written on its own: tables without bulk support, update-only matches such as system users); and a third,
 * small one for {@code files} (documents and attachments), whose size bounds the file content held in memory at once.
 */
@ApplicationScoped
public class ParallelWrites {
    private final ExecutorService batches = Executors.newCachedThreadPool(named("gpm2dv-sink-batch"));
    /** Bounded: a single write never waits for another task, and more threads than slots in flight would only wait. */
    private final ExecutorService singles = boundedPool("gpm2dv-sink-single", 128);
    private ExecutorService files;

    @Inject
    MigrationConfig config;

    ParallelWrites() {
    }

    /** Outside CDI (tests): at most {@code uploadsAtOnce} files at once. */
    ParallelWrites(int uploadsAtOnce) {
        files = boundedPool("gpm2dv-sink-file", Math.max(1, uploadsAtOnce));
    }

    @PostConstruct
    void start() {
        files = boundedPool("gpm2dv-sink-file", Math.max(1, config.documents().uploadsAtOnce()));
    }

    /** {@code work} applied to every item on the batch threads; results in the order of {@code items}. */
    public <T, R> List<R> batches(List<T> items, Function<T, R> work) {
        return all(batches, items, work);
    }

    /** {@code work} applied to every item on the single-write threads; results in the order of {@code items}. */
    public <T, R> List<R> singles(List<T> items, Function<T, R> work) {
        return all(singles, items, work);
    }

    /**
     * {@code work} applied to every item on the file-upload threads ({@code migration.documents.uploads-at-once}), a
     * lone item too: the pool's size is what bounds the file content in memory across every batch writing at once.
     */
    public <T, R> List<R> files(List<T> items, Function<T, R> work) {
        return all(files, items, work, 1);
    }

    /**
     * Runs every item (the caller's retry budget and request priority go with each), waits for all of them, and returns the results in
     * order; when an item failed, the first failure is thrown after every item has ended, so nothing is left running.
     */
    static <T, R> List<R> all(ExecutorService pool, List<T> items, Function<T, R> work) {
        return all(pool, items, work, 2);
    }

    /** As above; fewer than {@code pooledFrom} items run on the calling thread. */
    private static <T, R> List<R> all(ExecutorService pool, List<T> items, Function<T, R> work, int pooledFrom) {
        if (items.isEmpty() || items.size() < pooledFrom) {
            return items.stream().map(work).toList();
        }
        Instant deadline = RetryBudget.deadline();
        long priority = RequestPriority.current();
        List<CompletableFuture<R>> futures = new ArrayList<>();
        for (T item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> RequestPriority.during(priority,
                    () -> RetryBudget.until(deadline, () -> work.apply(item))), pool));
        }
        List<R> out = new ArrayList<>();
        RuntimeException first = null;
        for (CompletableFuture<R> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                out.add(null);
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return out;
    }

    private static ExecutorService boundedPool(String prefix, int threads) {
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), named(prefix));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void stop() {
        batches.shutdownNow();
        singles.shutdownNow();
        if (files != null) {
            files.shutdownNow();
        }
    }
}
