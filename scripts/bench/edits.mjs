// What the scan benches share: medians, and typing edits into one file the way live diagnostics re-scan it.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/**
 * The offsets just past each match of the global `spots` in `text`. `test` builds no match objects: a few thousand
 * per edit were garbage of the harness's own that the collector then cleared inside the timed re-scans.
 */
function offsetsAfter(text, spots) {
  const offsets = [];
  spots.lastIndex = 0;
  while (spots.test(text)) offsets.push(spots.lastIndex);
  return offsets;
}

/**
 * Types `edits` statements into `text` at spots that move through the file (a deterministic spread: `spots` finds the
 * offsets a statement may go to, `statement(i)` writes it), re-scanning through a ScanSession after each. Every 4th
 * edit the session's findings must equal a one-shot scanSources's of the same text: the one-shot scans run after the
 * timed edits, on the same edits replayed, since the garbage of a whole scan every few edits would be collected inside
 * the timed re-scans (the editor runs no such scan). `parseOnce(text)` is the plain parse used as the yardstick for
 * this machine's load.
 */
export function timeEdits(core, settings, { path, text, edits, spots, statement, parseOnce }) {
  const typed = (before, i) => {
    const offsets = offsetsAfter(before, spots);
    const at = offsets[(i * 7919) % offsets.length];
    return `${before.slice(0, at)}${statement(i)}\n${before.slice(at)}`;
  };
  const session = new core.ScanSession(core.RULES);
  session.update(path, text);
  session.scan(path, settings);
  const times = [];
  // CPU time (all threads: the collector's helpers too) stretches less than wall-clock time when other work shares the cores.
  const cpuTimes = [];
  /** Digest of the session's findings at every 4th edit, checked against one-shot scans afterwards. */
  const liveDigests = [];
  let findings = 0;
  let edited = text;
  for (let i = 0; i < edits; i++) {
    edited = typed(edited, i);
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    session.update(path, edited);
    const live = session.scan(path, settings).result.findings;
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
    findings = live.length;
    if (i % 4 === 0) liveDigests.push(digest(live));
  }
  const oneShotTimes = [];
  let replayed = text;
  for (let i = 0; i < edits; i++) {
    replayed = typed(replayed, i);
    if (i % 4 !== 0) continue;
    const oneShotStarted = performance.now();
    const oneShot = core.scanSources([{ path, text: replayed }], settings, core.RULES).findings;
    oneShotTimes.push(performance.now() - oneShotStarted);
    if (digest(oneShot) !== liveDigests[i / 4]) throw new Error(`edit ${i}: the session's findings differ from a one-shot scan's`);
  }
  text = edited;
  const parses = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    parseOnce(text);
    parses.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  return {
    lines: text.split('\n').length,
    median: median(times),
    p95: percentile(times, 0.95),
    cpuMedian: median(cpuTimes),
    cpuP95: percentile(cpuTimes, 0.95),
    oneShotMedian: median(oneShotTimes),
    findings,
    parseMs: median(parses),
  };
}

function digest(findings) {
  return createHash('sha256').update(JSON.stringify(findings)).digest('hex');
}
