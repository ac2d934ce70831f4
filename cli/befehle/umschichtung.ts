import { kennzahl, oeffneWarehouse, schreibeUmschichtung, UMSCHICHTUNG_TOEPFE } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { formatiere, type Format } from '../tabelle.ts';

const PFLICHT = ['jahr', 'sozialraum', 'topf', 'betrag', 'gremium', 'beschlussdatum'] as const;

export const umschichtung: Befehl = {
  name: 'umschichtung',
  hilfe: `srb umschichtung add [--db PFAD] --jahr JJJJ --sozialraum CODE --topf ${UMSCHICHTUNG_TOEPFE.join('|')} --betrag 25000.00
                      --gremium Lenkungsgruppe --beschlussdatum JJJJ-MM-TT [--kommentar TEXT]
                      [--begruendung TEXT] [--benutzer NAME]
srb umschichtung list [--db PFAD] [--jahr JJJJ] [--format table|csv|json]

add erfasst den Beschluss eines Gremiums, freie Mittel eines Topfs in Prävention und Netzwerkarbeit
umzuschichten; er zählt ab dem Quartalsende vor dem Beschluss als geplanter Verbrauch des Topfs
(abweichung.prognose_rest). Nur im laufenden Jahr; mehr als der Umschichtungsvorschlag nur mit
--begruendung. Einträge werden nie geändert: eine Rücknahme ist ein neuer Eintrag mit negativem
Betrag. Jeder Eintrag wird protokolliert.`,
  optionen: {
    ...dbOption,
    jahr: { type: 'string' },
    sozialraum: { type: 'string' },
    topf: { type: 'string' },
    betrag: { type: 'string' },
    gremium: { type: 'string' },
    beschlussdatum: { type: 'string' },
    kommentar: { type: 'string' },
    begruendung: { type: 'string' },
    benutzer: { type: 'string' },
    format: { type: 'string', default: 'table' },
  },
  async fuehreAus(w, positionen) {
    const [aktion] = positionen;
    if (aktion !== 'add' && aktion !== 'list') {
      console.error(`Aktion fehlt oder unbekannt: add oder list.\n\n${this.hilfe}`);
      return 2;
    }
    const fehlend = aktion === 'add' ? PFLICHT.filter((p) => !w[p]) : [];
    if (fehlend.length > 0) {
      console.error(`Es fehlt: ${fehlend.map((f) => `--${f}`).join(', ')}.`);
      return 2;
    }
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if (aktion === 'add') {
        const { umschichtung_id } = await schreibeUmschichtung(wh, {
          jahr: Number(w.jahr),
          sozialraum: String(w.sozialraum),
          topf: String(w.topf),
          betrag: String(w.betrag).replace(',', '.'),
          gremium: String(w.gremium),
          beschlussdatum: String(w.beschlussdatum),
          kommentar: (w.kommentar as string | undefined) ?? null,
          ueberschreitung_begruendung: (w.begruendung as string | undefined) ?? null,
          autor: (w.benutzer as string | undefined) ?? process.env.USER ?? 'cli',
        });
        console.log(`Umschichtung ${umschichtung_id} gespeichert.`);
      } else {
        const t = await kennzahl(wh, 'umschichtungen', { jahr: w.jahr ? Number(w.jahr) : null }, 'true');
        process.stdout.write(
          formatiere(
            t.zeilen,
            t.spalten,
            t.zahlen.map((z) => (z ? 'zahl' : 'text')),
            String(w.format) as Format,
          ),
        );
      }
    } finally {
      wh.schliessen();
    }
    return 0;
  },
};
