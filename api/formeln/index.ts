// The SRB.* cell formulas of the add-in, evaluated on the server: one request per recalculation.
export { werteAus, FUNKTIONEN, type Aufruf, type Ergebnis, type Funktion } from './auswertung.ts';
