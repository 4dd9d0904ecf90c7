/** The most arrivals (epoch ms) in any half-open second [t, t + 1000), as Teams' own windows count them. */
export function busiestSecond(arrivals: readonly number[]): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; start < sorted.length; start += 1) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + 1000) end += 1;
    peak = Math.max(peak, end - start);
  }
  return peak;
}
