// API keys: their end is UTC, whatever zone the server (and DuckDB's session) runs in; the table keeps no secret.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { erstelleApiSchluessel, listeApiSchluessel, pruefeApiSchluessel } from '../warehouse/index.ts';
import { neuesWarehouse } from './helfer.ts';

let weg: (() => void) | undefined;
afterEach(() => weg?.());

describe('API-Schlüssel: Ablauf in UTC', () => {
  for (const zone of ['America/New_York', 'Asia/Tokyo']) {
    it(`läuft in der Zeitzone ${zone} genau zu seinem Ende (UTC) ab; die Liste zeigt das Ende mit Z`, async () => {
      const t = await neuesWarehouse();
      weg = t.weg;
      // What the server's TZ does to DuckDB: its session's zone, which current_localtimestamp() follows.
      await t.wh.ausfuehren(`SET TimeZone = '${zone}'`);
      const abgelaufen = await erstelleApiSchluessel(t.wh, 'analyst', 'abgelaufen', 1);
      const gueltig = await erstelleApiSchluessel(t.wh, 'analyst', 'gültig', 1);
      const setze = (id: string, bis: Date) =>
        t.wh.ausfuehren('UPDATE api_schluessel SET gueltig_bis = $g::TIMESTAMP WHERE schluessel_id = $i', {
          g: bis.toISOString().replace('Z', ''),
          i: id,
        });
      await setze(abgelaufen.schluesselId, new Date(Date.now() - 30 * 60_000));
      await setze(gueltig.schluesselId, new Date(Date.now() + 30 * 60_000));
      expect(await pruefeApiSchluessel(t.wh, abgelaufen.schluessel)).toMatchObject({ gilt: false, art: 'abgelaufen' });
      expect(await pruefeApiSchluessel(t.wh, gueltig.schluessel)).toMatchObject({ gilt: true, benutzer: 'analyst' });

      const neu = await erstelleApiSchluessel(t.wh, 'analyst', 'neu', 90);
      const liste = await listeApiSchluessel(t.wh, 'analyst');
      expect(liste.find((k) => k.schluesselId === neu.schluesselId)!.gueltigBis).toBe(neu.gueltigBis);
      expect(neu.gueltigBis).toMatch(/Z$/);
    });
  }
});

describe('API-Schlüssel: gespeichert wird nur der Hash', () => {
  it('keine Spalte von api_schluessel und keine Zeile des Audits enthält das Geheimnis, nur sein SHA-256', async () => {
    const t = await neuesWarehouse();
    weg = t.weg;
    const neu = await erstelleApiSchluessel(t.wh, 'analyst', 'Power BI Quartalsbericht', 30);
    const [id, geheim] = neu.schluessel.split('.') as [string, string];
    expect(id).toBe(neu.schluesselId);
    expect(geheim.length).toBeGreaterThanOrEqual(40);

    const zeilen = await t.wh.abfrage('SELECT * FROM api_schluessel');
    expect(zeilen).toHaveLength(1);
    const [zeile] = zeilen;
    for (const [spalte, wert] of Object.entries(zeile!)) {
      expect(String(wert), spalte).not.toContain(geheim);
      expect(String(wert), spalte).not.toContain(neu.schluessel);
    }
    expect(zeile!.schluessel_id).toBe(neu.schluesselId);
    expect(zeile!.hash).toBe(createHash('sha256').update(geheim).digest('hex'));

    const audit = await t.wh.abfrage('SELECT * FROM audit');
    expect(audit.length).toBeGreaterThan(0);
    for (const z of audit)
      expect(JSON.stringify(z, (_, w: unknown) => (typeof w === 'bigint' ? String(w) : w))).not.toContain(geheim);

    // and the key still works: the hash is what it is checked against
    expect(await pruefeApiSchluessel(t.wh, neu.schluessel)).toMatchObject({ gilt: true, benutzer: 'analyst' });
  });
});
