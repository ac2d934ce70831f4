import { legeBenutzerAn, listeBenutzer, ROLLEN, sperreBenutzer } from '../../warehouse/index.ts';
import { oeffneWarehouse } from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

async function leseStdin(): Promise<string> {
  const teile: Buffer[] = [];
  for await (const t of process.stdin) teile.push(t as Buffer);
  return Buffer.concat(teile)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export const user: Befehl = {
  name: 'user',
  hilfe: `srb user add NAME --role ROLLE [--sozialraum CODE]... [--traeger ID] --password-stdin [--db PFAD]
srb user list [--db PFAD]
srb user disable NAME [--db PFAD]

Rollen: ${ROLLEN.join(', ')}. Das Passwort kommt über die Standardeingabe (nie als Argument,
damit es nicht in der Shell-Historie landet) und wird nur als scrypt-Hash gespeichert.`,
  optionen: {
    ...dbOption,
    role: { type: 'string' },
    sozialraum: { type: 'string', multiple: true },
    traeger: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
    benutzer: { type: 'string' },
  },
  async fuehreAus(w, [aktion, name]) {
    const wer = (w.benutzer as string | undefined) ?? process.env.USER ?? 'cli';
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if (aktion === 'list') {
        for (const b of await listeBenutzer(wh)) {
          console.log(
            [
              b.name.padEnd(16),
              b.rolle.padEnd(21),
              (b.sozialraeume.join(',') || 'alle').padEnd(30),
              b.traeger ?? '',
              b.aktiv ? '' : 'gesperrt',
              b.demo ? 'demo' : '',
            ]
              .join(' ')
              .trimEnd(),
          );
        }
        return 0;
      }
      if (!name) {
        console.error('Name fehlt.\n\n' + this.hilfe);
        return 2;
      }
      if (aktion === 'disable') {
        await sperreBenutzer(wh, name, wer);
        console.log(`Zugang ${name} gesperrt.`);
        return 0;
      }
      if (aktion === 'add') {
        if (!w.role) {
          console.error('--role fehlt.');
          return 2;
        }
        if (!w['password-stdin']) {
          console.error('Das Passwort bitte über --password-stdin übergeben, z. B.: printf %s "$PW" | srb user add …');
          return 2;
        }
        await legeBenutzerAn(
          wh,
          {
            name,
            rolle: String(w.role),
            sozialraeume: (w.sozialraum as string[] | undefined) ?? [],
            traeger: w.traeger as string | undefined,
            passwort: await leseStdin(),
          },
          wer,
        );
        console.log(`Zugang ${name} (${w.role}) angelegt.`);
        return 0;
      }
      console.error(`Unbekannte Aktion „${aktion ?? ''}“: add, list oder disable.`);
      return 2;
    } finally {
      wh.schliessen();
    }
  },
};
