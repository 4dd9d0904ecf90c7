/** Two inclusive date ranges (`YYYY-MM-DD`) share at least one day. */
export function rangesOverlap(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  return a.from <= b.to && b.from <= a.to;
}
