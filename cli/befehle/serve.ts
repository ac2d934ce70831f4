import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { starteServer } from '../../api/index.ts';
import { ADDIN_ZIEL } from '../../bau/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';

export const serveOptionen = {
  ...dbOption,
  host: { type: 'string' as const, default: '127.0.0.1' },
  port: { type: 'string' as const, default: '3000' },
  inbox: { type: 'string' as const },
  berichte: { type: 'string' as const },
  cert: { type: 'string' as const },
  key: { type: 'string' as const },
  'office-js': { type: 'string' as const, default: 'cdn' },
  'upload-max-mb': { type: 'string' as const, default: '100' },
  backup: { type: 'string' as const },
  addin: { type: 'string' as const },
};

export async function serviere(w: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  if (Boolean(w.cert) !== Boolean(w.key)) {
    console.error('--cert und --key gehören zusammen (Zertifikat und privater Schlüssel, PEM).');
    return 2;
  }
  if (w['office-js'] !== 'cdn' && w['office-js'] !== 'lokal') {
    console.error(
      '--office-js ist cdn (Microsofts CDN, Standard) oder lokal (die npm-Kopie @microsoft/office-js von diesem Server, für Netze ohne Internet).',
    );
    return 2;
  }
  const uploadMb = Number(w['upload-max-mb']);
  if (!(uploadMb > 0)) {
    console.error('--upload-max-mb ist eine Zahl größer als 0 (Megabyte je Hochladen, Standard 100).');
    return 2;
  }
  // The add-in is built with the program (npm start, npm run srb, npm ci: bau/), not by the server.
  const addin = (w.addin as string | undefined) ?? ADDIN_ZIEL;
  if (!existsSync(join(addin, 'taskpane.html')))
    console.error(`Das Add-in ist in ${addin} nicht gebaut (npm run bau); /addin/ bleibt leer.`);
  const s = await starteServer({
    db: String(w.db),
    host: String(w.host),
    port: Number(w.port),
    eingang: w.inbox as string | undefined,
    berichte: w.berichte as string | undefined,
    zertifikat: w.cert as string | undefined,
    schluessel: w.key as string | undefined,
    officeJs: w['office-js'],
    uploadGrenze: uploadMb * 1024 * 1024,
    sicherungen: w.backup as string | undefined,
    schutzvorrat: true,
    nachrang: true,
    addin,
  });
  console.error(`Sozialraum-Controlling läuft auf ${s.url}  (API-Doku: ${s.url}/api/docs, Add-in: ${s.url}/addin/)`);
  if (w.inbox) console.error(`Posteingang: ${w.inbox} (geladen → archiv/, abgelehnt → abgelehnt/)`);
  if (w.berichte)
    console.error(
      `Grafikpakete: ${w.berichte}/JJJJ-QN, nach jedem Quartalsende und nach Ladungen, die ein beendetes Quartal ändern`,
    );
  await new Promise<void>((fertig) => {
    const ende = () => {
      void s.beenden().then(fertig);
    };
    process.once('SIGINT', ende);
    process.once('SIGTERM', ende);
  });
  return 0;
}

export const serve: Befehl = {
  name: 'serve',
  hilfe: `srb serve [--db PFAD] [--host 127.0.0.1] [--port 3000] [--inbox ORDNER] [--berichte ORDNER] [--cert DATEI --key DATEI] [--office-js cdn|lokal] [--upload-max-mb 100] [--backup ORDNER] [--addin ORDNER]

Startet die API (/api/v1), ihre Doku (/api/docs, /openapi.json) und die Add-in-Seiten (/addin/).
Dieser Prozess besitzt die DuckDB-Datei; solange er läuft, laden andere über die API.
  --inbox ORDNER  Dateien dort werden automatisch geladen (→ archiv/ oder abgelehnt/ mit Bericht)
  --berichte ORDNER  das Grafikpaket entsteht von selbst in ORDNER/JJJJ-QN: nach jedem Quartalsende
                  und nach Ladungen, die ein beendetes Quartal ändern (GET /api/v1/grafiken/pakete)
  --cert/--key    HTTPS (für das Sideloading in Excel, siehe README)
  --backup ORDNER  eine Sicherung beim Start und dann täglich nach ORDNER (die letzten 7 bleiben; srb restore)
  --upload-max-mb N  höchstens N MB je Hochladen über die API (Standard 100), darüber 413
  --office-js     woher der Aufgabenbereich Office.js lädt: cdn (Microsoft, Standard) oder lokal (ohne Internet)
  --addin ORDNER  das gebaute Add-in, das unter /addin/ liegt (Standard dist/addin, gebaut von npm run bau)
Mit Demo-Zugängen (bekannte Passwörter) lauscht der Server nur auf 127.0.0.1/localhost.`,
  optionen: serveOptionen,
  fuehreAus: serviere,
};
