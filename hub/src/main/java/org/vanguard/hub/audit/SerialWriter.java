package org.vanguard.hub.audit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * One writer for work that callers leave in a queue: a task on a single-thread Spring executor, started when work
 * arrives ({@link #start()}) and ending when the queue is empty, so nothing polls while the hub is idle. Work that
 * arrives as the task ends starts it again. Once the executor is shut down (the hub stopping, after the work already
 * handed over), the caller that starts it writes what is waiting itself.
 */
public final class SerialWriter {

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean();
    private final Runnable drain;
    private final BooleanSupplier waiting;

    /**
     * @param name the writer thread's name prefix
     * @param drain writes what is waiting until nothing is
     * @param waiting whether anything is waiting
     */
    public SerialWriter(String name, Runnable drain, BooleanSupplier waiting) {
        this.drain = drain;
        this.waiting = waiting;
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix(name + "-");
        executor.setDaemon(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        executor.initialize();
    }

    /** Starts the writer unless it is running. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::run);
        } catch (TaskRejectedException shutDown) {
            run();
        }
    }

    private void run() {
        try {
            drain.run();
        } finally {
            running.set(false);
            if (waiting.getAsBoolean()) {
                start();
            }
        }
    }

    /** Lets the writer finish what was handed over (up to ten seconds) and takes no more tasks. */
    public void shutdown() {
        executor.shutdown();
    }
}
