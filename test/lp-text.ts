// The reader's integer programs of the attack tests, written in HiGHS's LP text format.

/**
 * One row "Σ plus − Σ minus op 0" over terms that are LP variables (named x…) or numbers (shown cells, as text):
 * the numbers go to the right-hand side, since the format reads only variables on the left. Null: no variable.
 */
export function lpZeile(plus: readonly string[], minus: readonly string[], op: '=' | '>='): string | null {
  let rechts = 0;
  const links: string[] = [];
  for (const [liste, v] of [
    [plus, 1],
    [minus, -1],
  ] as const)
    for (const x of liste)
      if (x.startsWith('x')) links.push(`${v > 0 ? '+' : '-'} ${x}`);
      else rechts -= v * Number(x);
  return links.length > 0 ? `${links.join(' ')} ${op} ${rechts}` : null;
}
