import { DuckDBInstance, type DuckDBConnection, type DuckDBValue, type Json } from './duckdb.ts';
import { AsyncLocalStorage } from 'node:async_hooks';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { WarehouseFehler } from './fehler.ts';
import { speicherFehler } from './speicherfehler.ts';

export type Zeile = Record<string, Json>;
export type Parameter = DuckDBValue[] | Record<string, DuckDBValue>;

export interface OeffnenOptionen {
  nurLesen?: boolean;
  /** DuckDB settings at start-up, e.g. memory_limit for the load benchmark. */
  einstellungen?: Record<string, string>;
}

/**
 * The one writer of a warehouse file: writes run one after another, so that no statement of one caller
 * lands inside another caller's open transaction on the same connection. Re-entrant: a write that is
 * part of a larger write (the audit row of a load) runs inside the lock it already holds.
 */
class Schreibsperre {
  private kette: Promise<unknown> = Promise.resolve();
  // Node hands the context on to every timer and listener made inside a write: the holder says whether
  // that write still holds the lock, so a timer that fires after it is released queues like anyone else.
  private readonly innen = new AsyncLocalStorage<{ haelt: boolean }>();

  async exklusiv<T>(fn: () => Promise<T>): Promise<T> {
    if (this.innen.getStore()?.haelt) return await fn();
    const halter = { haelt: true };
    const lauf = this.kette
      .then(
        () => this.innen.run(halter, fn),
        () => this.innen.run(halter, fn),
      )
      .finally(() => {
        halter.haelt = false;
      });
    this.kette = lauf.catch(() => undefined);
    return await lauf;
  }

  /** Whether the caller runs inside a write that holds this lock. */
  get gehalten(): boolean {
    return this.innen.getStore()?.haelt === true;
  }
}

/**
 * Appends beside the writer: a connection of their own and a lock of their own, shared by every
 * connection to the file. An audit line of a request (an ad-hoc query, a sign-in) must land before the
 * answer, but it needs no part of a load's transaction: behind the writer's queue it waited out a
 * 600.000-row load (issue 13's load test). DuckDB appends from two connections at once without conflict.
 */
class Nebenschreiber {
  readonly sperre = new Schreibsperre();
  private verbindung?: Warehouse;

  constructor(private readonly oeffne: () => Promise<Warehouse>) {}

  async schreibe<T>(fn: (w: Warehouse) => Promise<T>): Promise<T> {
    // Opened under the lock, so only once.
    return await this.sperre.exklusiv(async () => await fn((this.verbindung ??= await this.oeffne())));
  }

  schliessen(): void {
    this.verbindung?.schliessen();
    this.verbindung = undefined;
  }
}

/**
 * One DuckDB file and one connection to it. Rows come back JSON-safe: DECIMAL and BIGINT as
 * strings, so money never passes through a JavaScript number.
 */
export class Warehouse {
  private constructor(
    readonly pfad: string,
    private readonly instanz: DuckDBInstance,
    readonly verbindung: DuckDBConnection,
    /** Opened READ_ONLY: asked for, or the file (or its folder, where the WAL goes) is not writable. */
    readonly nurLesen = false,
  ) {}

  static async oeffnen(pfad: string, optionen: OeffnenOptionen = {}): Promise<Warehouse> {
    if (pfad !== ':memory:') mkdirSync(dirname(pfad), { recursive: true });
    // DuckDB takes 80 % of RAM by default; a shared machine and the 2 GB load budget want less. It
    // spills to disk beyond this, so large loads and queries still finish.
    const konfiguration: Record<string, string> = { memory_limit: '1GB', ...optionen.einstellungen };
    const nurLesen = optionen.nurLesen || (pfad !== ':memory:' && existsSync(pfad) && !beschreibbar(pfad));
    if (nurLesen) konfiguration.access_mode = 'READ_ONLY';
    let instanz: DuckDBInstance;
    try {
      instanz = await DuckDBInstance.create(pfad, konfiguration);
    } catch (e) {
      const text = String((e as Error).message);
      if (/lock/i.test(text)) {
        throw new WarehouseFehler(
          'warehouse_gesperrt',
          [
            `Das Warehouse ${pfad} wird gerade von einem anderen Prozess benutzt, meist vom laufenden Server`,
            '(srb serve / npm start): DuckDB erlaubt nur einen schreibenden Prozess. Über den Server geht es so:',
            '  Dateien laden: curl -H "Authorization: Bearer $TOKEN" -F datei=@DATEI http://127.0.0.1:3000/api/v1/importe',
            `  Abfragen:      curl -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' -d '{"sql":"SELECT …"}' http://127.0.0.1:3000/api/v1/sql`,
            '  Grafiken:      curl -H "Authorization: Bearer $TOKEN" -o abweichung.svg "http://127.0.0.1:3000/api/v1/grafiken/abweichung.svg?jahr=JJJJ&quartal=Q&sozialraum=SR"',
            '  Quartalspaket: entsteht im laufenden Server mit --berichte ORDNER (npm start: data/berichte/), Liste: GET /api/v1/grafiken/pakete',
            '  (Token: POST /api/v1/auth/token, siehe README) – oder den Server zuerst beenden.',
          ].join('\n'),
        );
      }
      throw speicherFehler(e, pfad) ?? e;
    }
    return new Warehouse(pfad, instanz, await instanz.connect(), nurLesen);
  }

  /** Statements started on this connection and not yet finished: the server sends a read to the least busy. */
  private laufend = 0;
  get auslastung(): number {
    return this.laufend;
  }

  /** Runs fn, one of this connection's statements, counted in `auslastung`. */
  async belegt<T>(fn: () => Promise<T>): Promise<T> {
    this.laufend++;
    try {
      return await fn();
    } finally {
      this.laufend--;
    }
  }

  async abfrage(sql: string, parameter?: Parameter): Promise<Zeile[]> {
    try {
      const leser = await this.belegt(() => this.verbindung.runAndReadAll(sql, parameter));
      return leser.getRowObjectsJson() as Zeile[];
    } catch (e) {
      throw speicherFehler(e, this.pfad) ?? e;
    }
  }

  async wert(sql: string, parameter?: Parameter): Promise<Json> {
    const zeilen = await this.abfrage(sql, parameter);
    const erste = zeilen[0];
    return erste === undefined ? null : (Object.values(erste)[0] ?? null);
  }

  async ausfuehren(sql: string, parameter?: Parameter): Promise<void> {
    try {
      await this.belegt(() => this.verbindung.run(sql, parameter));
    } catch (e) {
      throw speicherFehler(e, this.pfad) ?? e;
    }
  }

  /** The warehouse's write lock, shared by every connection to the file (see Schreibsperre). */
  private sperre = new Schreibsperre();

  /**
   * Runs fn as the one writer of this file. Every write operation of the warehouse takes it itself;
   * callers need it only to keep several operations together (a load and the reads of what it loaded).
   */
  async schreibe<T>(fn: () => Promise<T>): Promise<T> {
    return await this.sperre.exklusiv(fn);
  }

  /** Whether this call runs inside a write that holds the warehouse's write lock (see schreibe). */
  get schreibtGerade(): boolean {
    return this.sperre.gehalten;
  }

  private neben = new Nebenschreiber(() => this.weitere());

  /**
   * Runs fn on the connection for appends beside the writer (the audit), one after another there: it does
   * not wait for the writer's lock, and no write of the writer waits for it.
   */
  async nebenher<T>(fn: (w: Warehouse) => Promise<T>): Promise<T> {
    return await this.neben.schreibe(fn);
  }

  /** Resolves once the appends beside the writer queued so far have landed (before closing), without opening anything. */
  async nebenherFertig(): Promise<void> {
    await this.neben.sperre.exklusiv(async () => undefined);
  }

  /**
   * Runs fn as the one writer with the appends beside it held too: for what needs the file still, such as
   * a backup's CHECKPOINT and copy (a CHECKPOINT fails while another connection writes).
   */
  async schreibeAllein<T>(fn: () => Promise<T>): Promise<T> {
    return await this.schreibe(() => this.neben.sperre.exklusiv(fn));
  }

  /** Runs fn in one transaction, as the one writer: all of it lands, or nothing does. */
  async transaktion<T>(fn: () => Promise<T>): Promise<T> {
    return await this.schreibe(async () => {
      await this.verbindung.run('BEGIN TRANSACTION');
      try {
        const ergebnis = await fn();
        await this.verbindung.run('COMMIT');
        return ergebnis;
      } catch (e) {
        // After a failed COMMIT (disk full) DuckDB has already ended the transaction.
        await this.verbindung.run('ROLLBACK').catch(() => undefined);
        throw speicherFehler(e, this.pfad) ?? e;
      }
    });
  }

  private eigentuemer = true;
  /** Statements every connection of this warehouse runs first (temporary views live per connection). */
  private einrichtung: string[] = [];

  /** Runs `sql` here and on every further connection made from now on. */
  async richteEin(sql: string): Promise<void> {
    await this.ausfuehren(sql);
    this.einrichtung.push(sql);
  }

  /** Another connection to the same file, e.g. for reads beside a writing transaction. */
  async weitere(): Promise<Warehouse> {
    const w = new Warehouse(this.pfad, this.instanz, await this.instanz.connect(), this.nurLesen);
    w.eigentuemer = false;
    w.einrichtung = this.einrichtung;
    w.sperre = this.sperre;
    w.neben = this.neben;
    for (const sql of this.einrichtung) await w.ausfuehren(sql);
    return w;
  }

  schliessen(): void {
    if (this.eigentuemer) this.neben.schliessen();
    this.verbindung.closeSync();
    if (this.eigentuemer) this.instanz.closeSync();
  }
}

/** Whether this process may write the file and create the WAL beside it. */
function beschreibbar(pfad: string): boolean {
  try {
    accessSync(pfad, constants.W_OK);
    accessSync(dirname(pfad), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
