// What a controller does, independent of where it was started (task pane button or ribbon command).
export { zahlenHolen, holeDaten, holeAbweichung } from './zahlen.ts';
export { AbrufFehler } from './abruf.ts';
export { abrechnungsjahr } from './jahresende.ts';
export { prognoseZurueckschreiben, prognoseNeuLaden, type Rueckschreiben, type Konflikt } from './prognose.ts';
export {
  abweichungsgrafikEinfuegen,
  grafikErneuern,
  holeAbweichungsgrafiken,
  GRAFIKARTEN,
  type Grafikart,
  type Grafikergebnis,
} from './grafik.ts';
export { ABWEICHUNGSDIAGRAMM, STATUS_FARBE, BUDGET_FARBE } from './diagramm.ts';
export { erlaubteSozialraeume, standText, SOZIALRAEUME, type Auswahl } from './auswahl.ts';
export { alleAktualisieren, type Aktualisiert, type Fortschritt } from './aktualisieren.ts';
export { alsWerteWeitergeben } from './weitergeben.ts';
export { herkunftAnzeigen, HERKUNFT_ZEILEN, type Herkunftsergebnis } from './herkunft.ts';
