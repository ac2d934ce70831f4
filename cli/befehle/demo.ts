import { dirname, join, resolve } from 'node:path';
import { erfasseDemoUmschichtung, schreibeDemoExporte } from '../../demo/index.ts';
import {
  ladeDatei,
  ladestand,
  nachLadungen,
  oeffneWarehouse,
  schuetzeAlleJahreVorab,
  type Warehouse,
} from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { fortschrittsanzeige } from '../fortschritt.ts';

export const demo: Befehl = {
  name: 'demo',
  hilfe: `srb demo [--db PFAD] [--scale N] [--seed S] [--bis JJJJ-MM-TT]

Erzeugt die Exportdateien eines glaubwürdigen Landkreises (vier Sozialräume, Budgets ab 2014,
Träger, Kontrakte beider Seiten mit einigen Abweichungen, Personal mit einigen Regelverstößen,
Stunden mit Saisonverlauf, Zahlungen mit Stornos) im deutschen Dialekt und lädt sie auf dem
Weg, den auch Nutzer nehmen. Gleicher Seed, gleiche Dateien.

  --scale N   vervielfacht die Buchungen (50 ≈ 10 Millionen Zeilen, für Benchmarks)
  --bis DATUM letzter Tag mit Daten (Standard: Ende des letzten vollen Monats)`,
  optionen: {
    ...dbOption,
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    bis: { type: 'string' },
  },
  async fuehreAus(w) {
    const wh = await oeffneWarehouse(String(w.db));
    try {
      return await ladeDemo(wh, { scale: Number(w.scale), seed: Number(w.seed), bis: w.bis as string | undefined });
    } finally {
      wh.schliessen();
    }
  },
};

export async function ladeDemo(wh: Warehouse, o: { scale: number; seed: number; bis?: string }): Promise<number> {
  const ordner = join(dirname(resolve(wh.pfad)), 'demo-exporte');
  const anzeige = fortschrittsanzeige();
  anzeige.melde(`erzeuge Demodaten in ${ordner}`);
  const { dateien, bis } = await schreibeDemoExporte({ dir: ordner, scale: o.scale, seed: o.seed, bis: o.bis });
  let abgelehnt = 0;
  await nachLadungen(wh, async () => {
    for (const datei of dateien) {
      const e = await ladeDatei(wh, datei, {
        benutzer: 'demo',
        kennzahlen: 'spaeter',
        fortschritt: (s) => anzeige.melde(`${datei}: ${s}`),
      });
      if (e.status === 'abgelehnt') {
        abgelehnt++;
        anzeige.fertig();
        console.error(e.bericht);
      }
    }
  });
  anzeige.fertig();
  const umschichtung = abgelehnt === 0 ? await erfasseDemoUmschichtung(wh, bis) : null;
  if (umschichtung !== null)
    console.error(`Demo-Umschichtung ${umschichtung} der Lenkungsgruppe erfasst (srb umschichtung list).`);
  // The small-number protection of every year, kept in the warehouse: each year needs the years before it, so
  // the first protected answer of a server or of `srb sql` would otherwise work them all out (§9).
  anzeige.melde('Schutz kleiner Fallzahlen: jedes Jahr im Voraus');
  await schuetzeAlleJahreVorab(wh);
  anzeige.fertig();
  const stand = await ladestand(wh);
  console.error(
    `Demodaten: ${dateien.length} Dateien aus ${ordner}, ${stand.dateien} im Warehouse geladen (${stand.zeilen} Zeilen).`,
  );
  return abgelehnt > 0 ? 1 : 0;
}
