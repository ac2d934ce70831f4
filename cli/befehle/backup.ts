import { createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebStream } from 'node:stream/web';
import {
  legeSicherungsordnerAn,
  NUR_EIGENTUEMER,
  oeffneWarehouse,
  pruefsumme,
  sichere,
  WarehouseFehler,
} from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const backup: Befehl = {
  name: 'backup',
  hilfe: `srb backup ORDNER [--db PFAD] [--server http://127.0.0.1:3000]

Schreibt eine in sich stimmige Kopie des Warehouses als ORDNER/warehouse-ZEIT.duckdb, mit der
SHA-256-Prüfsumme daneben (.sha256). Wiederherstellen: srb restore DATEI.
Läuft der Server, besitzt er die Datei: dann holt srb backup die Sicherung über die API
(POST /api/v1/sicherungen, nur Administratoren; Token in der Umgebungsvariable SRB_TOKEN,
zu holen mit POST /api/v1/auth/token). Regelmäßig: srb serve --backup ORDNER.`,
  optionen: { ...dbOption, server: { type: 'string' } },
  async fuehreAus(w, positionen) {
    const [ordner] = positionen;
    if (!ordner || positionen.length > 1) {
      console.error('Bitte genau einen Zielordner angeben: srb backup ORDNER');
      return 2;
    }
    if (!w.server) {
      try {
        const wh = await oeffneWarehouse(String(w.db));
        try {
          const s = await sichere(wh, ordner, process.env.USER ?? 'cli');
          console.log(`Sicherung ${s.pfad} geschrieben (SHA-256 ${s.sha256}).`);
        } finally {
          wh.schliessen();
        }
        return 0;
      } catch (e) {
        if (!(e instanceof WarehouseFehler && e.code === 'warehouse_gesperrt')) throw e;
        console.error('Das Warehouse gehört dem laufenden Server: die Sicherung kommt über seine API.');
      }
    }
    return await ueberDenServer(String(w.server ?? 'http://127.0.0.1:3000'), ordner);
  },
};

async function ueberDenServer(server: string, ordner: string): Promise<number> {
  const token = process.env.SRB_TOKEN;
  if (!token) {
    console.error(
      'Für die Sicherung über den Server fehlt ein Token in SRB_TOKEN (eines Administrators; siehe README, POST /api/v1/auth/token).',
    );
    return 1;
  }
  const r = await fetch(`${server.replace(/\/$/, '')}/api/v1/sicherungen`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  if (r.status !== 200 || !r.body) {
    const text = await r.text();
    let meldung = text;
    try {
      meldung = (JSON.parse(text) as { fehler: { meldung: string } }).fehler.meldung;
    } catch {
      /* not our JSON */
    }
    console.error(`Der Server lehnt die Sicherung ab (${r.status}): ${meldung}`);
    return 1;
  }
  const name =
    /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? 'warehouse-sicherung.duckdb';
  const soll = r.headers.get('x-pruefsumme-sha256');
  legeSicherungsordnerAn(ordner);
  const ziel = join(ordner, name);
  await pipeline(
    Readable.fromWeb(r.body as WebStream<Uint8Array>),
    createWriteStream(`${ziel}.part`, { mode: NUR_EIGENTUEMER }),
  );
  const ist = await pruefsumme(`${ziel}.part`);
  if (ist !== soll) {
    rmSync(`${ziel}.part`, { force: true });
    console.error(
      `Die Sicherung kam unvollständig an (Prüfsumme ${ist} statt ${soll}); nichts gespeichert. Bitte noch einmal.`,
    );
    return 1;
  }
  writeFileSync(`${ziel}.sha256`, `${ist}  ${name}\n`, { mode: NUR_EIGENTUEMER });
  renameSync(`${ziel}.part`, ziel);
  console.log(`Sicherung ${ziel} vom Server ${server} geschrieben (SHA-256 ${ist}).`);
  return 0;
}
