import { syntaxTreeFrontEnd } from '../syntaxTree/syntaxTreeFrontEnd';
import { nearbyProjectFiles } from '../syntaxTree/projectFiles';
import { analyzePython, mayHoldPythonEvidence } from './analyzePython';

/** Python through its syntax tree: redis-py clients and commands, settings modules (Django, Celery). */
export const pythonFrontEnd = syntaxTreeFrontEnd<'python'>({
  grammar: 'python',
  mayHoldEvidence: mayHoldPythonEvidence,
  analyze: (root, input, _kind, inputs) =>
    analyzePython(root, input, nearbyProjectFiles(input.path, inputs, ['requirements.txt', 'pyproject.toml'])),
});
