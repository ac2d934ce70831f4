import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WarehouseFehler } from '../fehler.ts';
import { dateiarten, type Art } from './vertrag.ts';

/**
 * A per-source mapping file (JSON): how one sender's files differ from the contract.
 * {
 *   "absender": "traeger:caritas-trier",      who sends (else taken from the rows)
 *   "art": "leistungen",                       kind (else recognised by the header)
 *   "kodierung": "windows-1252" | "utf-8",     else detected
 *   "trennzeichen": ";" | "," | "\t",          else detected
 *   "dezimal": "komma" | "punkt",              default komma
 *   "datumsformat": "TT.MM.JJJJ" | "JJJJ-MM-TT" | "TT.MM.JJ",  default: the first two
 *   "spalten": { "Leistungsdatum": "datum" },  renames: column in the file -> contract column
 *   "ignorieren": ["Bemerkung"]                columns to drop before anything is read
 * }
 */
export interface Zuordnung {
  absender?: string;
  art?: Art;
  kodierung?: 'utf-8' | 'windows-1252';
  trennzeichen?: string;
  dezimal: 'komma' | 'punkt';
  datumsformat?: 'TT.MM.JJJJ' | 'JJJJ-MM-TT' | 'TT.MM.JJ';
  spalten: Record<string, string>;
  ignorieren: string[];
}

export const keineZuordnung: Zuordnung = { dezimal: 'komma', spalten: {}, ignorieren: [] };

export function normalerSpaltenname(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .toLowerCase();
}

export function ladeZuordnung(pfad: string): Zuordnung {
  const name = basename(pfad);
  let roh: unknown;
  try {
    roh = JSON.parse(readFileSync(pfad, 'utf8'));
  } catch (e) {
    throw new WarehouseFehler(
      'zuordnung_ungueltig',
      `Zuordnungsdatei ${name} ist kein gültiges JSON: ${(e as Error).message}`,
    );
  }
  if (typeof roh !== 'object' || roh === null || Array.isArray(roh)) {
    throw new WarehouseFehler('zuordnung_ungueltig', `Zuordnungsdatei ${name}: ein JSON-Objekt wird erwartet`);
  }
  const z = roh as Record<string, unknown>;
  const fehler: string[] = [];
  const erlaubt = ['absender', 'art', 'kodierung', 'trennzeichen', 'dezimal', 'datumsformat', 'spalten', 'ignorieren'];
  for (const k of Object.keys(z))
    if (!erlaubt.includes(k)) fehler.push(`unbekannter Eintrag „${k}“ (erlaubt: ${erlaubt.join(', ')})`);
  const wahl = <T extends string>(k: string, werte: readonly T[]): T | undefined => {
    if (z[k] === undefined) return undefined;
    if (typeof z[k] === 'string' && (werte as readonly string[]).includes(z[k] as string)) return z[k] as T;
    fehler.push(`„${k}“ muss eines von ${werte.map((w) => JSON.stringify(w)).join(', ')} sein`);
    return undefined;
  };
  const art = wahl(
    'art',
    dateiarten.map((d) => d.art),
  );
  const kodierung = wahl('kodierung', ['utf-8', 'windows-1252'] as const);
  const trennzeichen = wahl('trennzeichen', [';', ',', '\t', '|'] as const);
  const dezimal = wahl('dezimal', ['komma', 'punkt'] as const) ?? 'komma';
  const datumsformat = wahl('datumsformat', ['TT.MM.JJJJ', 'JJJJ-MM-TT', 'TT.MM.JJ'] as const);
  let absender: string | undefined;
  if (z.absender !== undefined) {
    if (typeof z.absender === 'string' && /^(jugendamt|traeger:[\w.-]+)$/.test(z.absender)) absender = z.absender;
    else fehler.push('„absender“ muss "jugendamt" oder "traeger:<kennung>" sein');
  }
  const spalten: Record<string, string> = {};
  if (z.spalten !== undefined) {
    if (typeof z.spalten !== 'object' || z.spalten === null || Array.isArray(z.spalten))
      fehler.push('„spalten“ muss ein Objekt {"Spalte in der Datei": "Vertragsspalte"} sein');
    else
      for (const [von, nach] of Object.entries(z.spalten)) {
        if (typeof nach !== 'string') fehler.push(`„spalten“: Ziel für „${von}“ muss ein Text sein`);
        else spalten[normalerSpaltenname(von)] = normalerSpaltenname(nach);
      }
  }
  let ignorieren: string[] = [];
  if (z.ignorieren !== undefined) {
    if (!Array.isArray(z.ignorieren) || z.ignorieren.some((s) => typeof s !== 'string'))
      fehler.push('„ignorieren“ muss eine Liste von Spaltennamen sein');
    else ignorieren = (z.ignorieren as string[]).map(normalerSpaltenname);
  }
  if (fehler.length > 0) {
    throw new WarehouseFehler('zuordnung_ungueltig', `Zuordnungsdatei ${name}: ${fehler.join('; ')}`);
  }
  return { absender, art, kodierung, trennzeichen, dezimal, datumsformat, spalten, ignorieren };
}
