/**
 * The embedded store: one SQLite file (WAL) under the data dir, or an in-memory database for
 * throwaway runs. Writes go through `write()`, which batches everything queued in the same
 * tick into one transaction (group commit) and resolves each caller only once that
 * transaction is committed, so a client never hears success for a write that is not on disk.
 * https://www.sqlite.org/wal.html
 */
import BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export type SqliteDb = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;

export interface Migration {
  /** Runs once, in order, inside a transaction. */
  up: string | ((db: SqliteDb) => void);
}

interface PendingWrite {
  fn: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

export const DATABASE_FILE = "stratus.db";

export class Database {
  readonly raw: SqliteDb;
  readonly path: string;
  private pending: PendingWrite[] = [];
  private flushScheduled = false;
  private closed = false;
  /** The group commit's statements, prepared once: better-sqlite3's transaction() builds wrapper functions on every call. */
  private readonly groupCommit: Record<"begin" | "commit" | "rollback" | "savepoint" | "release" | "rollbackTo", Statement>;

  constructor(options: { dataDir?: string; inMemory?: boolean }) {
    if (options.inMemory || !options.dataDir) {
      this.path = ":memory:";
    } else {
      mkdirSync(options.dataDir, { recursive: true });
      this.path = join(options.dataDir, DATABASE_FILE);
    }
    this.raw = new BetterSqlite3(this.path);
    if (this.path !== ":memory:") {
      this.raw.pragma("journal_mode = WAL");
      // NORMAL in WAL mode: a committed transaction survives a crash of the process (kill -9);
      // only a power loss can take back the last commits. FULL would cost an fsync per commit.
      this.raw.pragma("synchronous = NORMAL");
    }
    this.raw.pragma("foreign_keys = ON");
    this.raw.pragma("busy_timeout = 5000");
    this.raw.exec("CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (component, version))");
    this.groupCommit = {
      begin: this.raw.prepare("BEGIN"),
      commit: this.raw.prepare("COMMIT"),
      rollback: this.raw.prepare("ROLLBACK"),
      savepoint: this.raw.prepare("SAVEPOINT stratus_write"),
      release: this.raw.prepare("RELEASE stratus_write"),
      rollbackTo: this.raw.prepare("ROLLBACK TO stratus_write"),
    };
  }

  /** Applies the migrations of one component (a service, the scheduler) not applied yet. */
  migrate(component: string, migrations: Migration[]): void {
    const applied = new Set(
      (this.raw.prepare("SELECT version FROM schema_migrations WHERE component = ?").all(component) as Array<{ version: number }>).map((r) => r.version),
    );
    migrations.forEach((m, index) => {
      const version = index + 1;
      if (applied.has(version)) return;
      this.raw.transaction(() => {
        if (typeof m.up === "string") this.raw.exec(m.up);
        else m.up(this.raw);
        this.raw.prepare("INSERT INTO schema_migrations (component, version) VALUES (?, ?)").run(component, version);
      })();
    });
  }

  prepare(sql: string): Statement {
    return this.raw.prepare(sql);
  }

  /** Runs `fn` at once in its own transaction (reads, start-up loading, admin work). */
  transaction<T>(fn: () => T): T {
    return this.raw.transaction(fn)();
  }

  /**
   * Queues `fn` for the next group commit and resolves with its result once committed. Each
   * write runs in a savepoint, so one failing write rolls back alone and the rest commit.
   */
  write<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error("database is closed"));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every queued write now (used before shutdown and by tests). */
  flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const results: Array<{ ok: boolean; value: unknown }> = [];
    const { begin, commit, rollback, savepoint, release, rollbackTo } = this.groupCommit;
    try {
      begin.run();
      for (const w of batch) {
        savepoint.run();
        try {
          const value = w.fn();
          release.run();
          results.push({ ok: true, value });
        } catch (err) {
          rollbackTo.run();
          release.run();
          results.push({ ok: false, value: err });
        }
      }
      commit.run();
    } catch (err) {
      if (this.raw.inTransaction) rollback.run();
      for (const w of batch) w.reject(err);
      return;
    }
    batch.forEach((w, i) => (results[i].ok ? w.resolve(results[i].value) : w.reject(results[i].value)));
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.raw.close();
  }
}
