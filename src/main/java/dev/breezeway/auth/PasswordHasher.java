package dev.breezeway.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import dev.breezeway.config.AppConfig;
import dev.breezeway.error.ApiException;
import dev.breezeway.error.Problem;
import dev.breezeway.http.ClientLink;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Argon2id password hashes in PHC form ({@code $argon2id$v=19$m=19456,t=2,p=1$…}) with the OWASP
 * minimum parameters, computed by the reference C implementation (libargon2, bundled by argon2-jvm and
 * called through JNA). Verification reads the parameters from the stored hash, so raising them later
 * keeps old hashes valid; hashes written by earlier versions (password4j, the same PHC form) verify.
 *
 * <p>Why native: a hash's 19 MiB of working memory is malloc'd and freed by libargon2, outside the Java
 * heap. A pure-Java Argon2 allocates it as ~19,000 small arrays per hash, which a login storm turns into
 * a gigabyte per second of garbage that young collections copy and promote (issue 7: 59 full collections
 * in 30 s of logins); the C code is also about twice as fast per hash.
 *
 * <p>Bounded work (issue 17). Two kinds of work queue for the hash threads, each with its own bound of
 * {@code queue} places ({@code BREEZEWAY_HASH_QUEUE}): the checks of anonymous logins
 * ({@link #loginCheck}: {@code login}, {@code user-accounts}, the JSON login), and the account work of
 * callers who are already authenticated or the server itself ({@link #hash}, {@link #verify}: password
 * sets by administrators, changes of one's own password, the bootstrap). A thread that frees up takes
 * account work first, so a login storm delays an administrator's password set by at most the hash in
 * progress and never refuses it; only more than {@code queue} account hashes at once are refused. A login
 * beyond its bound, or any request whose hash has not started within {@code maxWait}, is refused at once
 * without hashing: {@link Problem#SERVER_BUSY} ({@code <status code="no-access" subcode="not-available"/>},
 * JSON 503 with {@code Retry-After}); a hash whose request has given up is dropped, not computed. Work for
 * a client that has closed its connection ({@link ClientLink}) is not queued, and dropped when its turn
 * comes.
 */
public final class PasswordHasher implements MeterBinder {
    public static final int MEMORY_KIB = 19456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int DROPPED = 2;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id, SALT_BYTES, OUTPUT_BYTES);
    private final String dummyHash;
    private final int queue;
    private final long maxWaitNanos;
    /** Logins holding a place: between {@link #loginCheck} and the {@link LoginCheck#close}. */
    private final AtomicInteger logins = new AtomicInteger();
    /** Account hashes queued or running. */
    private final AtomicInteger accountWork = new AtomicInteger();
    /**
     * Each hash takes ~19 MiB and a core for about 20 ms: running more at once than there are cores only
     * adds memory (a login storm would otherwise hold 19 MiB per waiting request), not speed. So hashes
     * run on one dedicated thread per core, and requests queue for them. Dedicated threads, not a
     * semaphore around the request threads: handing the hash to whichever of 16 request threads got the
     * permit cost 12-16 % of the hash rate (Argon2Ceiling on 2 cores: 105/s from 2 threads, 88-94/s from
     * 16 through a fair semaphore). A waiting hash holds only its request thread and the password's
     * characters; libargon2 allocates the 19 MiB when the hash starts.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workArrived = lock.newCondition();
    private final ArrayDeque<Task<?>> accountQueue = new ArrayDeque<>();
    private final ArrayDeque<Task<?>> loginQueue = new ArrayDeque<>();

    /** The defaults: one thread per core (at least two), 32 places per thread, 2 s of waiting. */
    public PasswordHasher() {
        this(AppConfig.hashThreads(), AppConfig.DEFAULT_HASH_QUEUE_PER_THREAD * AppConfig.hashThreads(),
                Duration.ofMillis(AppConfig.DEFAULT_HASH_WAIT_MILLIS));
    }

    /**
     * @param threads the hash threads
     * @param queue   the places of each kind of work: logins checked at once, account hashes at once
     * @param maxWait the longest a request waits for its hash to start
     */
    public PasswordHasher(int threads, int queue, Duration maxWait) {
        if (threads < 1 || queue < 1 || maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("threads, queue and wait must be positive");
        }
        this.queue = queue;
        this.maxWaitNanos = maxWait.toNanos();
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::work, "argon2id-" + i);
            t.setDaemon(true);
            t.start();
        }
        this.dummyHash = hash("not-a-real-password-0");
    }

    /**
     * The bounded work as gauges: {@code breezeway_password_hash_places{kind=login|account}} (taken) against
     * {@code breezeway_password_hash_capacity}, and {@code breezeway_password_hash_queued{kind}} (waiting
     * for a hash thread). Places near capacity mean logins are about to be refused as busy.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("breezeway_password_hash_places", logins, AtomicInteger::get).tag("kind", "login")
                .description("Places taken among the password checks of each kind (queued or hashing)").register(registry);
        Gauge.builder("breezeway_password_hash_places", accountWork, AtomicInteger::get).tag("kind", "account")
                .description("Places taken among the password checks of each kind (queued or hashing)").register(registry);
        Gauge.builder("breezeway_password_hash_capacity", () -> queue)
                .description("Places of each kind of password work (BREEZEWAY_HASH_QUEUE)").register(registry);
        Gauge.builder("breezeway_password_hash_queued", () -> queued(loginQueue)).tag("kind", "login")
                .description("Hashes waiting for a hash thread").register(registry);
        Gauge.builder("breezeway_password_hash_queued", () -> queued(accountQueue)).tag("kind", "account")
                .description("Hashes waiting for a hash thread").register(registry);
    }

    private int queued(ArrayDeque<Task<?>> q) {
        lock.lock();
        try {
            return q.size();
        } finally {
            lock.unlock();
        }
    }

    /** A new hash of {@code password}, as account work. */
    public String hash(String password) {
        return accountWork(password, chars -> argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, UTF_8));
    }

    /**
     * True if {@code password} matches {@code hash}, as account work (an authenticated caller, e.g. one
     * checking its current password before a change); a malformed hash never matches.
     */
    public boolean verify(String password, String hash) {
        return accountWork(password, verifying(hash));
    }

    /**
     * Takes one of the places of anonymous logins, before the attempt is counted or verified; the
     * caller closes it once the check is done.
     *
     * @throws ApiException            {@link Problem#SERVER_BUSY} if every place is taken
     * @throws ClientLink.GoneException if the client has gone
     */
    public LoginCheck loginCheck(ClientLink client) {
        client.checkConnected();
        if (logins.incrementAndGet() > queue) {
            logins.decrementAndGet();
            throw busy();
        }
        return new LoginCheck(client);
    }

    /** A place among the logins being checked; its verifications run as login work. */
    public final class LoginCheck implements AutoCloseable {
        private final ClientLink client;
        private boolean closed;

        private LoginCheck(ClientLink client) {
            this.client = client;
        }

        /** True if {@code password} matches {@code hash}; a malformed hash never matches. */
        public boolean verify(String password, String hash) {
            return run(loginQueue, client, password, verifying(hash));
        }

        /** Spends the time of one verification, so unknown logins answer as slowly as wrong passwords. */
        public void verifyDummy(String password) {
            verify(password, dummyHash);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                logins.decrementAndGet();
            }
        }
    }

    private Function<char[], Boolean> verifying(String hash) {
        return chars -> {
            try {
                return argon2.verify(hash, chars, UTF_8);
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    private <T> T accountWork(String password, Function<char[], T> work) {
        if (accountWork.incrementAndGet() > queue) {
            accountWork.decrementAndGet();
            throw busy();
        }
        try {
            return run(accountQueue, ClientLink.NONE, password, work);
        } finally {
            accountWork.decrementAndGet();
        }
    }

    private static ApiException busy() {
        return ApiException.problem(Problem.SERVER_BUSY, "login");
    }

    /** One hash: its state moves from NEW to RUNNING (a hash thread took it) or DROPPED (nobody will). */
    private static final class Task<T> {
        final Function<char[], T> work;
        final char[] chars;
        final ClientLink client;
        final long deadline;
        final AtomicInteger state = new AtomicInteger(NEW);
        final CompletableFuture<T> result = new CompletableFuture<>();

        Task(Function<char[], T> work, char[] chars, ClientLink client, long deadline) {
            this.work = work;
            this.chars = chars;
            this.client = client;
            this.deadline = deadline;
        }
    }

    /**
     * Queues {@code work} on the password's characters for a hash thread and waits for it, at most
     * {@code maxWait} for it to start, then wipes the characters; an interrupt while waiting is kept for
     * after the wait.
     */
    private <T> T run(ArrayDeque<Task<?>> queue, ClientLink client, String password, Function<char[], T> work) {
        client.checkConnected();
        Task<T> task = new Task<>(work, password.toCharArray(), client, System.nanoTime() + maxWaitNanos);
        lock.lock();
        try {
            queue.addLast(task);
            workArrived.signal();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    long left = task.deadline - System.nanoTime();
                    if (left <= 0 && task.state.get() == NEW) {
                        return giveUp(queue, task);
                    }
                    return task.result.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // Not started: dropped; started: one hash, waited for to its end.
                    return task.state.get() == NEW ? giveUp(queue, task) : awaitStarted(task);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrap(e);
                }
            }
        } finally {
            // A task that was dropped or has finished no longer reads the characters.
            argon2.wipeArray(task.chars);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Drops a task that has not started (busy), or waits for it if a hash thread took it meanwhile. */
    private <T> T giveUp(ArrayDeque<Task<?>> queue, Task<T> task) {
        if (task.state.compareAndSet(NEW, DROPPED)) {
            lock.lock();
            try {
                queue.remove(task);
            } finally {
                lock.unlock();
            }
            throw busy();
        }
        return awaitStarted(task);
    }

    private static <T> T awaitStarted(Task<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw unwrap(e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    /** A hash thread: account work first, then logins; late tasks and those of gone clients are dropped. */
    private void work() {
        while (true) {
            Task<?> task;
            lock.lock();
            try {
                while (accountQueue.isEmpty() && loginQueue.isEmpty()) {
                    workArrived.awaitUninterruptibly();
                }
                task = accountQueue.isEmpty() ? loginQueue.pollFirst() : accountQueue.pollFirst();
            } finally {
                lock.unlock();
            }
            runTask(task);
        }
    }

    private <T> void runTask(Task<T> task) {
        if (!task.state.compareAndSet(NEW, RUNNING)) {
            return;
        }
        if (System.nanoTime() - task.deadline > 0) {
            task.result.completeExceptionally(busy());
            return;
        }
        if (task.client.gone()) {
            task.result.completeExceptionally(new ClientLink.GoneException());
            return;
        }
        try {
            task.result.complete(task.work.apply(task.chars));
        } catch (RuntimeException | Error e) {
            task.result.completeExceptionally(e);
        }
    }
}
