import { sqlDatei } from '../sql.ts';
import { deutscheZahl } from '../../format/index.ts';
import { protokolliere } from '../audit.ts';
import { WarehouseFehler } from '../fehler.ts';
import type { Warehouse } from '../verbindung.ts';
import { aktualisiereKennzahlstand } from '../kennzahlstand.ts';
import { nachSchema } from '../abfragen/kennzahlen.ts';
import { TOEPFE } from '../abfragen/felder.ts';
import { lageZeile } from './lage.ts';

// Reallocation of free funds to prevention (docs/regeln.md §5): a steering body's decision, recorded
// append-only; a reversal is a new entry with the opposite amount.

const sql = (name: string) => sqlDatei(import.meta.url, name);

export const UMSCHICHTUNG_TOEPFE = TOEPFE;

export interface Umschichtung {
  jahr: number;
  sozialraum: string;
  topf: string;
  /** EUR as decimal text ("25000.00"); negative reverses earlier entries */
  betrag: string;
  gremium: string;
  /** JJJJ-MM-TT */
  beschlussdatum: string;
  kommentar: string | null;
  /** required when betrag is more than the current proposal allows */
  ueberschreitung_begruendung: string | null;
  autor: string;
}

const BETRAG = /^-?\d{1,13}(\.\d{1,2})?$/;
const DATUM = /^(\d{4})-(\d{2})-(\d{2})$/;

function eingabefehler(u: Umschichtung): string[] {
  const fehler: string[] = [];
  if (!(UMSCHICHTUNG_TOEPFE as readonly string[]).includes(u.topf))
    fehler.push(`Topf „${u.topf}“ gibt es nicht (erlaubt: ${UMSCHICHTUNG_TOEPFE.join(', ')})`);
  if (!BETRAG.test(u.betrag))
    fehler.push(`„${u.betrag}“ ist kein Betrag (Zahl mit höchstens zwei Nachkommastellen, Punkt als Dezimalzeichen)`);
  else if (/^-?0+(\.0+)?$/.test(u.betrag)) fehler.push('Betrag 0 schichtet nichts um');
  const d = DATUM.exec(u.beschlussdatum);
  const tag = d ? new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))) : null;
  if (!d || !tag || tag.getUTCDate() !== Number(d[3]))
    fehler.push(`Beschlussdatum „${u.beschlussdatum}“ ist kein Datum (JJJJ-MM-TT)`);
  else if (Number(d[1]) !== u.jahr) fehler.push(`Beschlussdatum ${u.beschlussdatum} liegt nicht im Jahr ${u.jahr}`);
  if (!u.gremium.trim()) fehler.push('Gremium fehlt (z. B. Lenkungsgruppe)');
  return fehler;
}

/**
 * Records one decision after checking it against the warehouse: an open year with a budget, a
 * decision taken already, no more than the latest quarter end proposes unless the override says
 * why, and no reversal beyond what the pot got. Audited in the same transaction; nothing is stored
 * when any check fails.
 */
export async function schreibeUmschichtung(wh: Warehouse, u: Umschichtung): Promise<{ umschichtung_id: number }> {
  const fehler = eingabefehler(u);
  if (fehler.length > 0)
    throw new WarehouseFehler(
      'umschichtung_ungueltig',
      `Die Umschichtung wurde nicht gespeichert: ${fehler.join('; ')}.`,
      { fehler },
    );
  return await wh.transaktion(async () => {
    const [lage] = nachSchema(
      lageZeile,
      await wh.abfrage(sql('lage'), {
        jahr: u.jahr,
        sozialraum: u.sozialraum,
        topf: u.topf,
        betrag: u.betrag,
        beschlussdatum: u.beschlussdatum,
      }),
      'umschichtung/lage',
    );
    const wo = `${u.sozialraum} ${u.jahr}`;
    if (lage!.abgeschlossen)
      throw new WarehouseFehler(
        'jahr_abgeschlossen',
        `Das Jahr ${u.jahr} ist abgeschlossen: Umschichtungen sind nur im laufenden Jahr möglich.`,
      );
    if (lage!.beschluss_in_zukunft)
      throw new WarehouseFehler(
        'umschichtung_ungueltig',
        `Das Beschlussdatum ${u.beschlussdatum} liegt in der Zukunft: erfasst wird ein gefasster Beschluss.`,
      );
    if (!lage!.budget_vorhanden)
      throw new WarehouseFehler('umschichtung_ungueltig', `Für ${wo} ist kein Budget geladen.`);
    if (lage!.storno_zu_gross) {
      throw new WarehouseFehler(
        'umschichtung_ungueltig',
        `Die Rücknahme ist größer als das, was aus Topf ${u.topf} in ${wo} umgeschichtet wurde (bisher ${deutscheZahl(lage!.bisher)} €).`,
      );
    }
    const begruendung = u.ueberschreitung_begruendung?.trim() || null;
    if (!u.betrag.startsWith('-') && lage!.ueber_vorschlag && !begruendung) {
      const grund =
        lage!.quartal === null
          ? 'es gibt noch kein abgeschlossenes Quartal in diesem Jahr'
          : `der Vorschlag zum Ende von Quartal ${lage!.quartal} beträgt ${deutscheZahl(lage!.vorschlag)} €`;
      throw new WarehouseFehler(
        'vorschlag_ueberschritten',
        `${deutscheZahl(u.betrag)} € ist mehr, als der Umschichtungsvorschlag für ${wo} erlaubt (${grund}). Wer bewusst mehr umschichtet, gibt ueberschreitung_begruendung an.`,
        { vorschlag: lage!.vorschlag, quartal: lage!.quartal },
      );
    }
    const id = Number(await wh.wert(`SELECT nextval('umschichtung_seq')`));
    await wh.ausfuehren(sql('eintragen'), {
      id,
      jahr: u.jahr,
      sozialraum: u.sozialraum,
      topf: u.topf,
      betrag: u.betrag,
      gremium: u.gremium.trim(),
      beschlussdatum: u.beschlussdatum,
      kommentar: u.kommentar,
      begruendung,
      autor: u.autor,
    });
    await protokolliere(wh, {
      benutzer: u.autor,
      aktion: 'umschichtung',
      objekt: `${u.jahr}/${u.sozialraum}`,
      details: `Umschichtung ${id}: ${u.betrag} € aus ${u.topf}, ${u.gremium.trim()} am ${u.beschlussdatum}${begruendung ? `, über dem Vorschlag: ${begruendung}` : ''}`,
    });
    await aktualisiereKennzahlstand(wh, { jahr: u.jahr, sozialraum: u.sozialraum });
    return { umschichtung_id: id };
  });
}
