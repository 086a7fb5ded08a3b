// What the JS/TS front end needs of its analysis, in one module it loads on demand (see scriptFrontEnd.ts).
export { analyzeScript } from './analyzeScript';
export { Evaluator } from './evaluate';
export { ScriptProject } from './project';
