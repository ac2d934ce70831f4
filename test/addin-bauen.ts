// vitest globalSetup: dist/ as npm start has it (the compiled program and the add-in bundle the server
// serves), built once when missing or stale.
import { stelleBereit } from '../bau/index.ts';

export default async function setup(): Promise<void> {
  await stelleBereit();
}
