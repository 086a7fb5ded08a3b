import { syntaxTreeFrontEnd } from '../../syntaxTree/syntaxTreeFrontEnd';
import { mayDeclareCache } from '../iacText';
import { analyzeTerraform } from './analyzeTerraform';

/** Terraform configurations (`.tf`), through the tree-sitter HCL grammar. */
export const terraformFrontEnd = syntaxTreeFrontEnd<'terraform'>({
  grammar: 'hcl',
  mayHoldEvidence: mayDeclareCache,
  analyze: (root, input) => analyzeTerraform(root, input.path, input.text),
});
