import type { FrontEnd } from '../frontEnd';
import { fileKindOf } from '../fileKind';
import { ScanNeighbourhood } from '../manifests';
import type * as ScriptAnalysis from './scriptAnalysis';
import { mayHoldFindings } from './prefilter';

let analysisModule: typeof ScriptAnalysis | undefined;

/**
 * The JS/TS analysis and the TypeScript compiler it parses with, loaded when the first file passes the prefilter:
 * a scan of configuration only, or of code that never mentions Redis, never loads the compiler. A `require`, as
 * the scan is synchronous; the CLI build keeps the compiler in a bundle of its own (scripts/build.mjs).
 */
function scriptAnalysis(): typeof ScriptAnalysis {
  return (analysisModule ??= require('./scriptAnalysis') as typeof ScriptAnalysis);
}

/** JS/TS: all readable scripts form one project, so constants imported from other inputs resolve. */
export const scriptFrontEnd: FrontEnd<'script'> = {
  begin({ all, readable, host }) {
    const scripts = readable.filter((input) => fileKindOf(input.path) === 'script');
    const neighbourhood = new ScanNeighbourhood(all, host?.readManifest?.bind(host), host?.files);
    let analysis: { project: ScriptAnalysis.ScriptProject; evaluator: ScriptAnalysis.Evaluator } | undefined;
    return {
      analyze(input) {
        if (!mayHoldFindings(input.text)) return undefined;
        const { analyzeScript, Evaluator, ScriptProject } = scriptAnalysis();
        if (!analysis) {
          const project = new ScriptProject(scripts, host);
          analysis = { project, evaluator: new Evaluator(project) };
        }
        const script = analysis.project.get(input.path);
        const evidence = script && analyzeScript(script, analysis.evaluator);
        if (evidence) neighbourhood.complete(evidence);
        analysis.project.release(input.path);
        return evidence;
      },
      textOf: (file) => analysis?.project.textOf(file),
    };
  },
};
