import { syntaxTreeFrontEnd } from '../syntaxTree/syntaxTreeFrontEnd';
import { analyzeJava } from './analyzeJava';

/** What a Java file must name to hold evidence: Redis (Jedis, Lettuce, Spring), its ports or keyspace notifications. */
const MAY_HOLD_EVIDENCE = /redis|jedis|lettuce|6380|6379|__key(?:space|event)@|notify-keyspace/i;

export const javaFrontEnd = syntaxTreeFrontEnd<'java'>({
  grammar: 'java',
  mayHoldEvidence: (text) => MAY_HOLD_EVIDENCE.test(text),
  analyze: (root, input, _kind, inputs) => analyzeJava(root, input.path, input.text, inputs),
});
