// What the scanner needs of the JS/TS front end, in one module it loads on demand (see scriptFrontEnd in scanner.ts).
export { analyzeScript } from './analyzeScript';
export { Evaluator } from './evaluate';
export { ScriptProject } from './project';
