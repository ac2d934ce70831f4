/**
 * Waits until `bedingung` holds, asking every `takt` ms. No count of tries: on a busy machine a server
 * answers several times slower, and a test that gives up after a fixed time fails there for no fault of
 * the product. The test's own timeout guards against something that never comes.
 */
export async function bis(bedingung: () => boolean | Promise<boolean>, takt = 20): Promise<void> {
  while (!(await bedingung())) await new Promise((r) => setTimeout(r, takt));
}
