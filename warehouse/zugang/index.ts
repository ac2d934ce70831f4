// Users, their API keys and the token signing key: tables of the warehouse, written only through here.
export {
  legeBenutzerAn,
  sperreBenutzer,
  listeBenutzer,
  findeBenutzer,
  ROLLEN,
  type Benutzer,
  type Rolle,
} from './benutzer.ts';
export {
  erstelleApiSchluessel,
  pruefeApiSchluessel,
  apiSchluesselGiltNoch,
  type GueltigerSchluessel,
  listeApiSchluessel,
  widerrufeApiSchluessel,
  type ApiSchluessel,
  type NeuerSchluessel,
} from './apischluessel.ts';
export { pruefePasswort } from './passwort.ts';
export { signierSchluessel } from './signierschluessel.ts';
