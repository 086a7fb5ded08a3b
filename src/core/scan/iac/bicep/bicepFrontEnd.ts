import type { FrontEnd } from '../../frontEnd';
import { mayDeclareCache } from '../iacText';
import { analyzeBicep } from './analyzeBicep';

/** Bicep files, each on its own, read with the project's own Bicep parser. */
export const bicepFrontEnd: FrontEnd<'bicep'> = {
  begin() {
    return {
      analyze: (input) => (mayDeclareCache(input.text) ? analyzeBicep(input.path, input.text) : undefined),
      textOf: () => undefined,
    };
  },
};
