import { writeFileSync } from 'node:fs';
import { manifest } from '../../bau/index.ts';
import type { Befehl } from '../befehl.ts';

export const manifestBefehl: Befehl = {
  name: 'manifest',
  hilfe: `srb manifest [--base-url https://localhost:3000] [--out DATEI]

Schreibt das Add-in-Manifest (XML) mit allen Adressen unter BASE-URL, für das Sideloading oder die
Verteilung an die Controller. Ohne --out auf die Standardausgabe. Office verlangt HTTPS.`,
  optionen: { 'base-url': { type: 'string', default: 'https://localhost:3000' }, out: { type: 'string' } },
  async fuehreAus(w) {
    const basis = String(w['base-url']);
    if (!/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(basis)) {
      console.error(
        `--base-url „${basis}“: Office lädt Add-ins nur über HTTPS, z. B. https://controlling.trier-saarburg.de`,
      );
      return 2;
    }
    const text = manifest(basis);
    if (w.out) writeFileSync(String(w.out), text);
    else process.stdout.write(text);
    return 0;
  },
};
