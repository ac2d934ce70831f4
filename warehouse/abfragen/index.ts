import { sqlDatei } from '../sql.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';
import type { AbweichungZeile } from './abweichung.ts';
import { kennzahl } from './kennzahlen.ts';

const sql = (name: string) => sqlDatei(import.meta.url, name);

export interface Quartal {
  jahr: number;
  quartal: number;
}

export async function letztesQuartal(wh: Warehouse): Promise<Quartal> {
  const [z] = await wh.abfrage(sql('letztes_quartal'));
  if (!z)
    throw new WarehouseFehler(
      'keine_daten',
      'Das Warehouse hat noch kein abgeschlossenes Quartal mit Buchungen. Zuerst Exportdateien laden (srb ingest) oder Demodaten erzeugen (srb demo).',
    );
  return { jahr: Number(z.jahr), quartal: Number(z.quartal) };
}

/** "latest" (the last ended quarter with bookings) or JJJJ-QN, e.g. 2025-Q3. */
export async function quartalAus(wh: Warehouse, angabe: string): Promise<Quartal> {
  if (angabe === 'latest') return await letztesQuartal(wh);
  const m = /^(\d{4})-Q([1-4])$/i.exec(angabe.trim());
  if (!m)
    throw new WarehouseFehler(
      'abfrage_ungueltig',
      `Quartal „${angabe}“ nicht verstanden: latest oder JJJJ-QN, z. B. 2025-Q3.`,
    );
  return { jahr: Number(m[1]), quartal: Number(m[2]) };
}

/** The quarter end as TT.MM.JJJJ. */
export function stichtagText(q: Quartal): string {
  const tag = new Date(Date.UTC(q.jahr, 3 * q.quartal, 0)).getUTCDate();
  return `${String(tag).padStart(2, '0')}.${String(3 * q.quartal).padStart(2, '0')}.${q.jahr}`;
}

/** The whole county's quarter-end variance (srb abweichung): the figure abweichung, unscoped, typed by its schema. */
export async function abweichungImQuartal(wh: Warehouse, q: Quartal): Promise<AbweichungZeile[]> {
  return (await kennzahl(wh, 'abweichung', { jahr: q.jahr, quartal: q.quartal, sozialraum: null }, 'true')).zeilen;
}
export { exportiereParquet } from './export.ts';
export { abhaengigkeitenDerKennzahl, bereichsabfrage, kennzahl, nachSchema, type Tabelle } from './kennzahlen.ts';
export { AENDERUNGSARTEN, GESCHRIEBENE_TABELLEN, type Aenderungsart } from './abhaengigkeit.ts';
export {
  fachcontrolling,
  FACHCONTROLLING_SCHUTZ,
  schuetzeAlleJahreVorab,
  type Fachcontrolling,
} from './fachcontrolling_schutz.ts';
// The rows of the named figures: one schema each, beside its .sql file.
export { KENNZAHLZEILEN, type KennzahlZeile, type Kennzahlname } from './zeilen.ts';
export {
  ABWEICHUNGSSTATUS,
  betrag,
  datum,
  phasierung,
  PHASIERUNGEN,
  TOEPFE,
  type Abweichungsstatus,
} from './felder.ts';
export { abrechnungGrundlageZeile, type AbrechnungGrundlageZeile } from './abrechnung_grundlage.ts';
export { abweichungZeile, type AbweichungZeile } from './abweichung.ts';
export { befundeZeile, type BefundeZeile } from './befunde.ts';
export {
  fachcontrollingZeile,
  FACHCONTROLLING_ANZAHLEN,
  geschuetzteFachcontrollingZeile,
  type FachcontrollingZeile,
  type GeschuetzteFachcontrollingZeile,
} from './fachcontrolling.ts';
export { finanzvolumenZeile, type FinanzvolumenZeile } from './finanzvolumen.ts';
export { istGenauZeile, type IstGenauZeile } from './ist_genau.ts';
export { jahresabrechnungZeile, type JahresabrechnungZeile } from './jahresabrechnung.ts';
export { jahresabrechnungBefundZeile, type JahresabrechnungBefundZeile } from './jahresabrechnung_befund.ts';
export { kontraktAbgleichZeile, type KontraktAbgleichZeile } from './kontrakt_abgleich.ts';
export { personalPruefungZeile, type PersonalPruefungZeile } from './personal_pruefung.ts';
export { umschichtungVorschlagZeile, type UmschichtungVorschlagZeile } from './umschichtung_vorschlag.ts';
export { umschichtungenZeile, type UmschichtungenZeile } from './umschichtungen.ts';
export { verbrauchZeile, VERBRAUCH_GRUPPEN, type VerbrauchZeile } from './verbrauch.ts';
