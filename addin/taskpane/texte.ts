// Task pane texts: German first, English where Office's display language is English.
const zeilen = (n: number) => `${n} ${n === 1 ? 'Zeile' : 'Zeilen'}`;
const rows = (n: number) => `${n} ${n === 1 ? 'row' : 'rows'}`;

const de = {
  titel: 'Sozialraum-Controlling',
  server: 'Server',
  benutzer: 'Benutzer',
  passwort: 'Passwort',
  anmelden: 'Anmelden',
  abmelden: 'Abmelden',
  angemeldetAls: (b: string, r: string) => `Angemeldet als ${b} (${r})`,
  jahr: 'Jahr',
  quartal: 'Quartalsende',
  sozialraeume: 'Sozialräume',
  kommentar: 'Kommentar zur Prognose',
  kommentarVorgabe: 'Prognose aus Excel',
  zahlenHolen: 'Zahlen holen',
  prognoseSchreiben: 'Prognose zurückschreiben',
  grafikEinfuegen: 'Abweichungsgrafik einfügen',
  herkunftAnzeigen: 'Herkunft anzeigen',
  herkunftLaeuft: 'Suche die Zeilen hinter der Zelle …',
  herkunftGezeigt: (was: string, gezeigt: number, n: number, stimmt: boolean | null) =>
    `Herkunft: ${was}, ${gezeigt} von ${zeilen(n)} im Blatt „Herkunft“; ` +
    (stimmt === null
      ? 'die Zelle zeigt eine andere Zahl als die Summe.'
      : stimmt
        ? 'die Summe stimmt mit der Zelle überein.'
        : 'die Summe weicht von der Zelle ab!'),
  holt: 'Hole Zahlen …',
  schreibt: 'Schreibe Prognose …',
  grafikLaeuft: 'Füge Grafik ein …',
  geholt: (n: number) => `${n} ${n === 1 ? 'Blatt' : 'Blätter'} aktualisiert.`,
  aenderung: (
    blatt: string,
    a: { zeilen: number; neu: number; geaendert: number; entfallen: number; erstmals: boolean },
  ) =>
    a.erstmals
      ? `${blatt}: neu angelegt, ${zeilen(a.zeilen)}`
      : `${blatt}: ${a.geaendert} geändert, ${a.neu} neu, ${a.entfallen} entfallen (${zeilen(a.zeilen)})`,
  gespeichert: (v: number, s: string) =>
    `Prognose ${s} als Version ${v} gespeichert; Abweichung und Grafik sind aktualisiert.`,
  zellfehler: (n: number) =>
    `${n} Zellen sind nicht in Ordnung (im Blatt rot markiert, Erklärung darunter). Nichts wurde gespeichert.`,
  keinBlatt: 'Bitte ein Prognoseblatt („Prognose JAHR SOZIALRAUM“) auswählen; es entsteht mit „Zahlen holen“.',
  konflikt: 'Inzwischen hat jemand anderes geschrieben',
  konfliktZellen: 'Diese Zellen unterscheiden sich von der Version, auf der Ihr Blatt beruht:',
  basis: 'Ihre Basis',
  aktuell: 'jetzt gespeichert',
  topf: 'Topf',
  monat: 'Monat',
  neuLaden: 'Neu laden (meine Eingaben verwerfen)',
  ueberschreiben: 'Bewusst überschreiben',
  neuGeladen: 'Prognoseblatt aus der neuesten Version neu geladen.',
  grafikEingefuegt: (n: number, art: string) => `${n} ${n === 1 ? 'Grafik' : 'Grafiken'} eingefügt (${art}).`,
  abweichungFehlt: 'Bitte zuerst „Zahlen holen“: die Grafik kommt neben die Tabelle im Blatt „Abweichung“.',
  nurExcel:
    'Als Webseite geöffnet: Tabellen und Grafiken erscheinen hier. In Excel kommen dazu: Blätter mit Excel-Tabellen schreiben, Prognose zurückschreiben, Grafiken ins Blatt einfügen und die Zellformeln SRB.FINANZVOLUMEN, SRB.IST, SRB.PROGNOSE, SRB.ABWEICHUNG.',
  neueZahlen:
    'Neue Zahlen im Warehouse: „Zahlen holen“ aktualisiert die Blätter; Zellformeln SRB.* aktualisieren sich selbst.',
  alleAktualisieren: 'Alle aktualisieren',
  alsWerte: 'Als Werte weitergeben',
  weitergabeBlaetter: 'Blätter zum Weitergeben',
  aktualisiert: (blaetter: number, formeln: number) =>
    `${blaetter} ${blaetter === 1 ? 'Blatt' : 'Blätter'} und ${formeln} SRB.*-${formeln === 1 ? 'Formel' : 'Formeln'} aktualisiert; der Stand steht auf jedem Blatt.`,
  weitergegeben: (namen: string[]) =>
    `Kopie mit Werten: ${namen.join(', ')}. Zum Weitergeben: Rechtsklick auf den Blattreiter → Verschieben oder kopieren → (neue Arbeitsmappe).`,
  keineSrbBlaetter: 'Diese Mappe hat keine Blätter mit SRB-Tabellen oder SRB.*-Formeln.',
  grafikArt: 'Grafik als',
  grafikBeide: 'Bild und Excel-Diagramm',
  grafikBild: 'Bild wie im Quartalspaket',
  grafikDiagramm: 'Excel-Diagramm (folgt jeder Aktualisierung)',
  excelDiagramm: 'Excel-Diagramm',
  fehler: 'Fehler',
};
export type Texte = typeof de;

const en: Texte = {
  ...de,
  titel: 'Social-space controlling',
  server: 'Server',
  benutzer: 'User',
  passwort: 'Password',
  anmelden: 'Sign in',
  abmelden: 'Sign out',
  angemeldetAls: (b, r) => `Signed in as ${b} (${r})`,
  jahr: 'Year',
  quartal: 'Quarter end',
  sozialraeume: 'Social spaces',
  kommentar: 'Comment on the forecast',
  kommentarVorgabe: 'Forecast from Excel',
  zahlenHolen: 'Get figures',
  prognoseSchreiben: 'Write back forecast',
  grafikEinfuegen: 'Insert variance chart',
  herkunftAnzeigen: 'Show origin',
  herkunftLaeuft: 'Looking up the rows behind the cell …',
  herkunftGezeigt: (was, gezeigt, n, stimmt) =>
    `Origin: ${was}, ${gezeigt} of ${rows(n)} on sheet "Herkunft"; ` +
    (stimmt === null
      ? 'the cell shows another figure than the sum.'
      : stimmt
        ? 'the sum matches the cell.'
        : 'the sum differs from the cell!'),
  holt: 'Getting figures …',
  schreibt: 'Writing forecast …',
  grafikLaeuft: 'Inserting chart …',
  geholt: (n) => `${n} sheets refreshed.`,
  aenderung: (blatt, a) =>
    a.erstmals
      ? `${blatt}: created, ${rows(a.zeilen)}`
      : `${blatt}: ${a.geaendert} changed, ${a.neu} new, ${a.entfallen} gone (${rows(a.zeilen)})`,
  gespeichert: (v, s) => `Forecast ${s} saved as version ${v}; variance and chart refreshed.`,
  zellfehler: (n) => `${n} cells are not valid (marked red in the sheet, explained below it). Nothing was saved.`,
  keinBlatt: 'Please select a forecast sheet ("Prognose YEAR SPACE"); "Get figures" creates it.',
  konflikt: 'Someone else wrote in the meantime',
  konfliktZellen: 'These cells differ from the version your sheet is based on:',
  basis: 'your base',
  aktuell: 'saved now',
  topf: 'Pot',
  monat: 'Month',
  neuLaden: 'Reload (drop my edits)',
  ueberschreiben: 'Overwrite consciously',
  neuGeladen: 'Forecast sheet reloaded from the newest version.',
  grafikEingefuegt: (n, art) => `${n} ${n === 1 ? 'chart' : 'charts'} inserted (${art}).`,
  abweichungFehlt: 'Please "Get figures" first: the chart goes next to the table on sheet "Abweichung".',
  nurExcel:
    'Opened as a web page: tables and charts appear here. In Excel you also get: sheets with Excel tables, forecast write-back, charts in the sheet and the cell formulas SRB.FINANZVOLUMEN, SRB.IST, SRB.PROGNOSE, SRB.ABWEICHUNG.',
  neueZahlen: 'New figures in the warehouse: "Get figures" refreshes the sheets; SRB.* formulas refresh themselves.',
  alleAktualisieren: 'Refresh all',
  alsWerte: 'Share as values',
  weitergabeBlaetter: 'Sheets to share',
  aktualisiert: (blaetter, formeln) =>
    `${blaetter} ${blaetter === 1 ? 'sheet' : 'sheets'} and ${formeln} SRB.* ${formeln === 1 ? 'formula' : 'formulas'} refreshed; each sheet shows when.`,
  weitergegeben: (namen) =>
    `Copy with values: ${namen.join(', ')}. To share it: right-click the sheet tab → Move or Copy → (new book).`,
  keineSrbBlaetter: 'This workbook has no sheets with SRB tables or SRB.* formulas.',
  grafikArt: 'Chart as',
  grafikBeide: 'Picture and Excel chart',
  grafikBild: 'Picture as in the quarter pack',
  grafikDiagramm: 'Excel chart (follows every refresh)',
  excelDiagramm: 'Excel chart',
  fehler: 'Error',
};

export const texte = (sprache: 'de' | 'en'): Texte => (sprache === 'en' ? en : de);
