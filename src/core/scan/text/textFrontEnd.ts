import type { FileKind } from '../fileKind';
import type { FrontEnd } from '../frontEnd';
import { analyzeText } from './analyzeText';

/** Config files and the string literals of languages without a front end of their own: each file on its own. */
export const textFrontEnd: FrontEnd<Exclude<FileKind, 'script' | 'bicep' | 'terraform'>> = {
  begin() {
    return {
      analyze: (input, kind) => analyzeText(input.path, input.text, kind),
      textOf: () => undefined,
    };
  },
};
