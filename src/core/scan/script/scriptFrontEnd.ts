import type { FrontEnd } from '../frontEnd';
import { fileKindOf } from '../fileKind';
import { ScanNeighbourhood } from '../manifests';
import { analyzeScript } from './analyzeScript';
import { Evaluator } from './evaluate';
import { mayHoldFindings } from './prefilter';
import { ScriptProject } from './project';

/** JS/TS: all readable scripts form one project, so constants imported from other inputs resolve. */
export const scriptFrontEnd: FrontEnd<'script'> = {
  begin({ all, readable, host }) {
    const project = new ScriptProject(readable.filter((input) => fileKindOf(input.path) === 'script'), host);
    const evaluator = new Evaluator(project);
    const neighbourhood = new ScanNeighbourhood(all, host?.readManifest?.bind(host));
    return {
      analyze(input) {
        if (!mayHoldFindings(input.text)) return undefined;
        const script = project.get(input.path);
        const evidence = script && analyzeScript(script, evaluator);
        if (evidence) neighbourhood.complete(evidence);
        project.release(input.path);
        return evidence;
      },
      textOf: (file) => project.textOf(file),
    };
  },
};
