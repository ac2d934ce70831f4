import { kennzahl, type Tabelle, type Warehouse, type Zeile } from '../../warehouse/index.ts';

export interface Abrechnungsdaten {
  jahr: number;
  abrechnung: Tabelle;
  befunde: Tabelle;
  /** per Sozialraum: name and the budget figures the settlement rests on */
  sozialraeume: Map<string, Zeile>;
}

/** The whole county's settlement of a year: the document is the county's, signed by every Träger. */
export async function ladeAbrechnung(wh: Warehouse, jahr: number): Promise<Abrechnungsdaten> {
  const abrechnung = await kennzahl(wh, 'jahresabrechnung', { jahr }, 'true');
  const befunde = await kennzahl(wh, 'jahresabrechnung_befund', { jahr }, 'true');
  const grundlage = await kennzahl(wh, 'abrechnung_grundlage', { jahr }, 'true');
  return { jahr, abrechnung, befunde, sozialraeume: new Map(grundlage.zeilen.map((z) => [String(z.sozialraum), z])) };
}
