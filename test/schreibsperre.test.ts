// The warehouse's write lock (Warehouse.schreibe): one writer at a time, re-entrant only for the write that
// holds it. From the attack review: Node hands the lock's context on to timers made inside a write, and such
// a timer firing later wrote inside another caller's transaction and was rolled back with it.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse/index.ts';

const warte = (ms: number) => new Promise((fertig) => setTimeout(fertig, ms));

describe('Schreibsperre', () => {
  it('lässt einen Zeitgeber aus einem beendeten Schreibvorgang nicht in die Transaktion eines anderen schreiben', async () => {
    const wh = await Warehouse.oeffnen(':memory:');
    try {
      await wh.ausfuehren('CREATE TABLE zeilen (text VARCHAR)');
      const ereignisse = new EventEmitter();
      let zeitgeber: Promise<void> | undefined;
      ereignisse.on('aenderung', () => {
        setTimeout(() => {
          zeitgeber = wh.schreibe(() => wh.ausfuehren(`INSERT INTO zeilen VALUES ('Zeitgeber')`));
        }, 20);
      });
      await wh.schreibe(async () => {
        await wh.ausfuehren(`INSERT INTO zeilen VALUES ('Ladung')`);
        ereignisse.emit('aenderung');
      });
      const zweiter = wh.transaktion(async () => {
        await wh.ausfuehren(`INSERT INTO zeilen VALUES ('zurückgerollt')`);
        await warte(100);
        throw new Error('Prüfung fehlgeschlagen');
      });
      await expect(zweiter).rejects.toThrow('Prüfung fehlgeschlagen');
      while (!zeitgeber) await warte(10);
      await zeitgeber;
      expect((await wh.abfrage('SELECT text FROM zeilen ORDER BY text')).map((z) => z.text)).toEqual([
        'Ladung',
        'Zeitgeber',
      ]);
    } finally {
      wh.schliessen();
    }
  });

  it('lässt einen Schreibvorgang, der die Sperre hält, sich selbst wieder betreten (die Auditzeile einer Ladung)', async () => {
    const wh = await Warehouse.oeffnen(':memory:');
    try {
      await wh.ausfuehren('CREATE TABLE zeilen (text VARCHAR)');
      await wh.transaktion(async () => {
        await wh.ausfuehren(`INSERT INTO zeilen VALUES ('Ladung')`);
        await wh.schreibe(() => wh.ausfuehren(`INSERT INTO zeilen VALUES ('Audit')`));
      });
      expect(await wh.wert('SELECT count(*) FROM zeilen')).toBe('2');
    } finally {
      wh.schliessen();
    }
  });
});
