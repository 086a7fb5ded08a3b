/** A byte count for people, in binary units: `512 B`, `1.5 KiB`, `3.2 MiB` (one decimal at most). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${+value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
