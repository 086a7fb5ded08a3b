import type { FrontEnd } from '../../frontEnd';
import { analyzeText } from '../../text/analyzeText';
import { mayDeclareCache } from '../iacText';
import { addArmEvidence, isArmTemplate, parseJsonWithComments } from './analyzeArm';

/**
 * JSON files: read as configuration (the config front end), and ARM deployment templates also for the caches they
 * declare. Whether a file is a template is decided by its `$schema`, so other JSON keeps exactly its config reading.
 */
export const jsonFrontEnd: FrontEnd<'json'> = {
  begin() {
    return {
      analyze: (input, kind) => {
        const evidence = analyzeText(input.path, input.text, kind);
        if (!mayDeclareCache(input.text)) return evidence;
        const { root } = parseJsonWithComments(input.text);
        if (root && isArmTemplate(root)) addArmEvidence(evidence, input.path, input.text, root);
        return evidence;
      },
      textOf: () => undefined,
    };
  },
};
