import { DEMO_BENUTZER, legeDemoBenutzerAn } from '../../demo/index.ts';
import { ladestand, listeBenutzer, oeffneWarehouse } from '../../warehouse/index.ts';
import { type Befehl } from '../befehl.ts';
import { ladeDemo } from './demo.ts';
import { serveOptionen, serviere } from './serve.ts';

export const start: Befehl = {
  name: 'start',
  hilfe: `srb start [wie srb serve]

Legt beim ersten Start das Warehouse mit Demodaten und Demo-Zugängen an (jugendamt / demo-jugendamt,
awo-konz / demo-awo-konz, asd-saarburg / demo-asd-saarburg, analyst / demo-analyst, admin / demo-admin-1)
und startet dann den Server (srb serve); das Grafikpaket jedes beendeten Quartals entsteht in
./data/berichte/JJJJ-QN (--berichte ORDNER).`,
  optionen: { ...serveOptionen, berichte: { type: 'string', default: './data/berichte' } },
  async fuehreAus(w) {
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if ((await ladestand(wh)).dateien === 0) {
        console.error('Erster Start: lege das Demo-Warehouse an …');
        const code = await ladeDemo(wh, { scale: 1, seed: 1 });
        if (code !== 0) return code;
      }
      if ((await listeBenutzer(wh)).length === 0) {
        await legeDemoBenutzerAn(wh);
        console.error(`Demo-Zugänge angelegt: ${DEMO_BENUTZER.map((b) => `${b.name} / ${b.passwort}`).join(', ')}.`);
      }
    } finally {
      wh.schliessen();
    }
    return await serviere(w);
  },
};
