/**
 * Whether a file is a JSON report amr-migrate wrote (`scan --format json --output …`): its messages quote the
 * hosts and ports it found, so scanning it would report them a second time.
 */
export function isAmrMigrateReport(text: string): boolean {
  return /^\{\s*"tool"\s*:\s*\{\s*"name"\s*:\s*"amr-migrate"/.test(text);
}
