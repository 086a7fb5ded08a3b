import { syntaxTreeFrontEnd } from '../syntaxTree/syntaxTreeFrontEnd';
import { analyzeCSharp } from './analyzeCSharp';

/** What a C# file must name to hold evidence: Redis, its ports or keyspace notifications. */
const MAY_HOLD_EVIDENCE = /redis|6380|6379|__key(?:space|event)@|notify-keyspace/i;

export const csharpFrontEnd = syntaxTreeFrontEnd<'csharp'>({
  grammar: 'c-sharp',
  mayHoldEvidence: (text) => MAY_HOLD_EVIDENCE.test(text),
  analyze: (root, input, _kind, inputs) => analyzeCSharp(root, input.path, input.text, inputs),
});
