// srb: the command line of Sozialraum-Controlling. One file per command under befehle/.
import { parse, type Befehl } from './befehl.ts';

/**
 * The commands, each loaded only when it runs: `srb --help` needs none of them, and `srb sql` not the
 * API, the charts or exceljs (each command file imports what it uses).
 */
const befehle: Array<{ name: string; kurz: string; lade: () => Promise<Befehl> }> = [
  {
    name: 'start',
    kurz: 'Hauptjob: Demo-Warehouse beim ersten Start, dann der Server auf http://localhost:3000',
    lade: async () => (await import('./befehle/start.ts')).start,
  },
  {
    name: 'serve',
    kurz: 'HTTP-API, Doku und Add-in-Seiten bereitstellen',
    lade: async () => (await import('./befehle/serve.ts')).serve,
  },
  {
    name: 'init',
    kurz: 'Warehouse anlegen oder Schema und Referenzdaten aktualisieren',
    lade: async () => (await import('./befehle/init.ts')).init,
  },
  {
    name: 'ingest',
    kurz: 'Exportdateien laden (CSV, XLSX)',
    lade: async () => (await import('./befehle/ingest.ts')).ingest,
  },
  {
    name: 'sql',
    kurz: 'Lesende Ad-hoc-Abfrage über die Sichten',
    lade: async () => (await import('./befehle/sql.ts')).sql,
  },
  {
    name: 'abfrage',
    kurz: 'Gespeicherte Abfragen für Power Query und Power BI (speichern, list, loeschen)',
    lade: async () => (await import('./befehle/abfrage.ts')).abfrage,
  },
  {
    name: 'abweichung',
    kurz: 'Abweichung zum Quartalsende je Sozialraum und Topf',
    lade: async () => (await import('./befehle/abweichung.ts')).abweichung,
  },
  {
    name: 'herkunft',
    kurz: 'Herkunft einer Zahl: die Exportzeilen dahinter mit Datei und Zeile',
    lade: async () => (await import('./befehle/herkunft.ts')).herkunftBefehl,
  },
  {
    name: 'umschichtung',
    kurz: 'Umschichtungen in die Prävention erfassen (add) und auflisten (list)',
    lade: async () => (await import('./befehle/umschichtung.ts')).umschichtung,
  },
  {
    name: 'report',
    kurz: 'Berichte: das Grafikpaket eines Quartals, die Spitzabrechnung eines Jahres',
    lade: async () => (await import('./befehle/report.ts')).report,
  },
  {
    name: 'demo',
    kurz: 'Demodaten eines Landkreises erzeugen und laden',
    lade: async () => (await import('./befehle/demo.ts')).demo,
  },
  {
    name: 'export',
    kurz: 'Sichten und Fakten als Parquet exportieren',
    lade: async () => (await import('./befehle/export.ts')).exportBefehl,
  },
  {
    name: 'user',
    kurz: 'Zugänge der API verwalten (add, list, disable)',
    lade: async () => (await import('./befehle/user.ts')).user,
  },
  {
    name: 'manifest',
    kurz: 'Manifest des Excel-Add-ins für einen Server schreiben',
    lade: async () => (await import('./befehle/manifest.ts')).manifestBefehl,
  },
  {
    name: 'backup',
    kurz: 'Sicherung des Warehouses in einen Ordner (auch bei laufendem Server)',
    lade: async () => (await import('./befehle/backup.ts')).backup,
  },
  {
    name: 'restore',
    kurz: 'Warehouse aus einer Sicherung wiederherstellen (Server vorher beenden)',
    lade: async () => (await import('./befehle/restore.ts')).restore,
  },
];

function uebersicht(): string {
  return [
    'srb — Budget-Controlling der sozialraumorientierten Jugendhilfe',
    '',
    'Befehle:',
    ...befehle.map((b) => `  ${b.name.padEnd(12)} ${b.kurz}`),
    '',
    'Hilfe zu einem Befehl: srb BEFEHL --help',
  ].join('\n');
}

async function main(argumente: string[]): Promise<number> {
  const [name, ...rest] = argumente;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(uebersicht());
    return name ? 0 : 2;
  }
  const eintrag = befehle.find((b) => b.name === name);
  if (!eintrag) {
    console.error(`Unbekannter Befehl „${name}“.\n\n${uebersicht()}`);
    return 2;
  }
  const befehl = await eintrag.lade();
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
  return await befehl.fuehreAus(
    geparst.values as Record<string, string | boolean | string[] | undefined>,
    geparst.positionals,
  );
}

/** The warehouse's and the API's own errors carry a code and a German message for the user (not a stack). */
const fuerNutzer = (e: unknown): e is Error =>
  e instanceof Error &&
  (e.name === 'WarehouseFehler' || e.name === 'ApiFehler') &&
  typeof Reflect.get(e, 'code') === 'string';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (fuerNutzer(e)) console.error(e.message);
    else console.error(`Unerwarteter Fehler: ${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = fuerNutzer(e) ? 1 : 3;
  },
);
