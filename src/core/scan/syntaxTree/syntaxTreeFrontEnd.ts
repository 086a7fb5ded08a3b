import type { Node } from '@vscode/tree-sitter-wasm';
import type { FileEvidence } from '../../evidence/evidence';
import type { SourceFileInput } from '../../findings';
import type { FileKind } from '../fileKind';
import type { FrontEnd, ScanInputs } from '../frontEnd';
import { loadGrammar, readSyntaxTree, type GrammarName } from './grammars';

/** What a language read through a tree-sitter grammar provides; the rest of a front end is the same for all. */
export interface SyntaxTreeLanguage<Kind extends FileKind> {
  grammar: GrammarName;
  /**
   * Whether the text may hold evidence at all (it names Redis, a legacy host, a port…): a file that cannot is
   * neither parsed nor makes the scan load the grammar.
   */
  mayHoldEvidence(text: string): boolean;
  /**
   * The evidence in the syntax tree of one file; must not keep nodes (the tree is freed when it returns). `inputs`
   * are the scan's, for neighbours such as the project or dependency file a fix edits.
   */
  analyze(root: Node, input: SourceFileInput, kind: Kind, inputs: ScanInputs): FileEvidence | undefined;
}

/** A front end for a language read through a tree-sitter grammar: one file at a time, nothing read beyond the inputs. */
export function syntaxTreeFrontEnd<Kind extends FileKind>(language: SyntaxTreeLanguage<Kind>): FrontEnd<Kind> {
  return {
    async prepare(inputs) {
      if (inputs.some((input) => language.mayHoldEvidence(input.text))) await loadGrammar(language.grammar);
    },
    begin: (inputs) => {
      const kept = inputs.host?.syntaxTrees;
      return {
        analyze: (input, kind) => {
          if (!language.mayHoldEvidence(input.text)) return undefined;
          const read = (root: Node) => language.analyze(root, input, kind, inputs);
          // A live session keeps each document's tree, so an edit re-parses only what changed.
          return kept ? kept.read(language.grammar, input.path, input.text, read) : readSyntaxTree(language.grammar, input.text, read);
        },
        textOf: () => undefined,
      };
    },
  };
}
