import { listeAbfragen, loescheAbfrage, oeffneWarehouse, speichereAbfrage } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const abfrage: Befehl = {
  name: 'abfrage',
  hilfe: `srb abfrage speichern NAME "SELECT ... WHERE jahr = $jahr" [--beschreibung TEXT] [--db PFAD]
srb abfrage list [--db PFAD]
srb abfrage loeschen NAME [--db PFAD]

Eine gespeicherte Abfrage wird wie srb sql geprüft (nur die dokumentierten Sichten, nur lesend) und
ist dann über die API abrufbar: GET /api/v1/abfragen/NAME.csv?jahr=2026 (auch .json, .arrow),
immer im Zugriffsbereich des Abrufenden. Parameter schreibt man $name. Jede Änderung wird protokolliert.`,
  optionen: { ...dbOption, beschreibung: { type: 'string' }, benutzer: { type: 'string' } },
  async fuehreAus(w, [aktion, name, ...sql]) {
    // Whoever runs srb on the warehouse file is its operator: like an admin, they may replace anyone's query.
    const wer = { name: (w.benutzer as string | undefined) ?? process.env.USER ?? 'cli', rolle: 'admin' };
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if (aktion === 'list') {
        for (const a of await listeAbfragen(wh)) {
          console.log(
            `${a.name}${a.parameter.length ? ` (${a.parameter.map((p) => `$${p}`).join(', ')})` : ''}: ${a.beschreibung ?? ''}\n  ${a.sql}`,
          );
        }
        return 0;
      }
      if (!name) {
        console.error(`Name fehlt.\n\n${this.hilfe}`);
        return 2;
      }
      if (aktion === 'speichern') {
        const text = sql.join(' ').trim();
        if (!text) {
          console.error(`Die Abfrage fehlt.\n\n${this.hilfe}`);
          return 2;
        }
        const a = await speichereAbfrage(
          wh,
          { name, sql: text, beschreibung: (w.beschreibung as string | undefined) ?? null },
          wer,
        );
        console.log(
          `Gespeichert: ${a.name}${a.parameter.length ? `, Parameter ${a.parameter.join(', ')}` : ''}. Abruf: GET /api/v1/abfragen/${a.name}.csv`,
        );
        return 0;
      }
      if (aktion === 'loeschen') {
        await loescheAbfrage(wh, name, wer);
        console.log(`Gelöscht: ${name}.`);
        return 0;
      }
      console.error(`Unbekannte Aktion „${aktion ?? ''}“: speichern, list oder loeschen.\n\n${this.hilfe}`);
      return 2;
    } finally {
      wh.schliessen();
    }
  },
};
