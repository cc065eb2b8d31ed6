/** Orders `X.Y.Z` versions by number (`5.99.1` before `5.100.0`): negative, zero or positive, as sort wants. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.split(".").map(Number));
  const at = x.findIndex((n, i) => n !== y[i]);
  return at === -1 ? 0 : x[at] - y[at];
}
