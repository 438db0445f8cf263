const two = (n: number) => (n < 10 ? '0' : '') + n;
const three = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/**
 * `date.toISOString()`, built from its UTC fields: V8's own took 2–3 × as long in a Node
 * micro-benchmark, and a page formats about four timestamps per task (decision 0027). Years
 * outside 1000–9999 (which `toISOString` writes with a sign and six digits) and invalid dates
 * (a RangeError) are left to `toISOString`.
 */
export function isoTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return (
    `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}` +
    `T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}` +
    `.${three(date.getUTCMilliseconds())}Z`
  );
}
