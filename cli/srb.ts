// srb: the command line of Sozialraum-Controlling. One file per command under befehle/.
import { ApiFehler } from '../api/index.ts';
import { WarehouseFehler } from '../warehouse/index.ts';
import { parse, type Befehl } from './befehl.ts';
import { abfrage } from './befehle/abfrage.ts';
import { abweichung } from './befehle/abweichung.ts';
import { herkunftBefehl } from './befehle/herkunft.ts';
import { backup } from './befehle/backup.ts';
import { demo } from './befehle/demo.ts';
import { exportBefehl } from './befehle/export.ts';
import { ingest } from './befehle/ingest.ts';
import { manifestBefehl } from './befehle/manifest.ts';
import { init } from './befehle/init.ts';
import { serve } from './befehle/serve.ts';
import { sql } from './befehle/sql.ts';
import { report } from './befehle/report.ts';
import { restore } from './befehle/restore.ts';
import { start } from './befehle/start.ts';
import { umschichtung } from './befehle/umschichtung.ts';
import { user } from './befehle/user.ts';

const befehle: Befehl[] = [start, serve, init, ingest, sql, abfrage, abweichung, herkunftBefehl, umschichtung, report, demo, exportBefehl, user, manifestBefehl, backup, restore];

function uebersicht(): string {
  return ['srb — Budget-Controlling der sozialraumorientierten Jugendhilfe', '', 'Befehle:',
    ...befehle.map((b) => `  ${b.name.padEnd(12)} ${b.kurz}`), '', 'Hilfe zu einem Befehl: srb BEFEHL --help'].join('\n');
}

async function main(argumente: string[]): Promise<number> {
  const [name, ...rest] = argumente;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(uebersicht());
    return name ? 0 : 2;
  }
  const befehl = befehle.find((b) => b.name === name);
  if (!befehl) {
    console.error(`Unbekannter Befehl „${name}“.\n\n${uebersicht()}`);
    return 2;
  }
  let geparst;
  try {
    geparst = parse(befehl, rest);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${befehl.hilfe}`);
    return 2;
  }
  if (geparst.values.help) {
    console.log(befehl.hilfe);
    return 0;
  }
  return await befehl.ausfuehren(geparst.values as Record<string, string | boolean | string[] | undefined>, geparst.positionals);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => {
    if (e instanceof WarehouseFehler || e instanceof ApiFehler) console.error(e.message);
    else console.error(`Unerwarteter Fehler: ${(e as Error).stack ?? e}`);
    process.exitCode = e instanceof WarehouseFehler || e instanceof ApiFehler ? 1 : 3;
  },
);
