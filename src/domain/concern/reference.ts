/**
 * Reference numbers `VBE-ÅÅÅÅ-NNNN`: one gap-free sequence per calendar year (Stockholm time).
 * Past 9999 the number simply grows a digit rather than wrapping.
 */
export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be >= 1, got ${sequence}`);
  return `VBE-${year}-${String(sequence).padStart(4, '0')}`;
}

export function parseReference(reference: string): { year: number; sequence: number } | undefined {
  const match = /^VBE-(\d{4})-(\d{4,})$/.exec(reference);
  if (!match) return undefined;
  return { year: Number(match[1]), sequence: Number(match[2]) };
}
