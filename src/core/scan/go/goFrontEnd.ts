import { syntaxTreeFrontEnd } from '../syntaxTree/syntaxTreeFrontEnd';
import { nearbyProjectFiles } from '../syntaxTree/projectFiles';
import { analyzeGo, mayHoldGoEvidence } from './analyzeGo';

/** Go through its syntax tree: go-redis clients and commands. */
export const goFrontEnd = syntaxTreeFrontEnd<'go'>({
  grammar: 'go',
  mayHoldEvidence: mayHoldGoEvidence,
  analyze: (root, input, _kind, inputs) => analyzeGo(root, input, nearbyProjectFiles(input.path, inputs, ['go.mod'])),
});
