package dev.orrery.engine;

import dev.orrery.logs.LogStore;
import dev.orrery.store.OrreryHome;
import dev.orrery.store.history.HistoryDb;
import dev.orrery.store.history.HistoryWriter;

import java.io.IOException;

/**
 * The history store of one {@link Orrery}, its batching writer and the log store in it, each
 * opened on first use and closed together. {@link Orrery} documents the public calls that reach here.
 */
final class HistoryStores {

    private final OrreryHome home;
    private final Engine engine;
    private HistoryDb history;
    private HistoryWriter historyWriter;
    private LogStore logStore;

    HistoryStores(OrreryHome home, Engine engine) {
        this.home = home;
        this.engine = engine;
    }

    synchronized HistoryDb history() throws IOException {
        if (history == null) {
            history = HistoryDb.open(home.historyDb());
        }
        return history;
    }

    synchronized LogStore logStore() throws IOException {
        if (logStore == null) {
            try {
                logStore = LogStore.open(history());
            } catch (java.sql.SQLException e) {
                throw new IOException("cannot open the log store in " + home.historyDb() + ": " + e.getMessage(), e);
            }
        }
        return logStore;
    }

    synchronized HistoryWriter historyWriter() throws IOException {
        if (historyWriter == null) {
            historyWriter = new HistoryWriter(history(), engine.scheduler(), engine.io(), 250);
        }
        return historyWriter;
    }

    /** Flushes the writer's queue first, then closes the store. */
    synchronized void closeWriter() {
        if (historyWriter != null) {
            historyWriter.close();
        }
    }

    synchronized void closeStore() {
        if (history != null) {
            history.close();
        }
    }
}
