import assert from 'node:assert/strict';
import type { CopyUi, InputOptions, PickItem } from '../../../src/vscode/copy/copyPrompts';

/** One expected question and the user's answer: a pick by label substring, typed text, or a modal answer. */
export type Answer = { pick: string } | { input: string } | { confirm: boolean } | { escape: 'pick' | 'input' };

export interface Asked {
  kind: 'pick' | 'input' | 'confirm';
  title: string;
  labels?: string[];
  input?: InputOptions;
  message?: string;
  detail?: string;
}

/** A CopyUi that plays `answers` in order and records every question; a question with no answer left fails the test. */
export function scriptedUi(answers: Answer[]): CopyUi & { asked: Asked[] } {
  const queue = [...answers];
  const asked: Asked[] = [];
  const next = (kind: Asked['kind'], title: string) => {
    const answer = queue.shift();
    assert.ok(answer, `unexpected ${kind} "${title}": no answer scripted`);
    return answer;
  };
  return {
    asked,
    pick: async <T>(title: string, _placeHolder: string, items: PickItem<T>[]) => {
      asked.push({ kind: 'pick', title, labels: items.map((i) => i.label) });
      const answer = next('pick', title);
      if ('escape' in answer) return undefined;
      assert.ok('pick' in answer, `expected ${JSON.stringify(answer)} but was asked to pick: ${title}`);
      const item = items.find((i) => i.label.includes(answer.pick));
      assert.ok(item, `no item "${answer.pick}" in ${title}: ${items.map((i) => i.label).join(' | ')}`);
      return item.value;
    },
    input: async (options: InputOptions) => {
      asked.push({ kind: 'input', title: options.title, input: options });
      const answer = next('input', options.title);
      if ('escape' in answer) return undefined;
      assert.ok('input' in answer, `expected ${JSON.stringify(answer)} but was asked to type: ${options.title}`);
      assert.equal(options.validate?.(answer.input), undefined, `the input box refuses ${answer.input}`);
      return answer.input;
    },
    confirm: async (message: string, detail: string) => {
      asked.push({ kind: 'confirm', title: message, message, detail });
      const answer = next('confirm', message);
      assert.ok('confirm' in answer, `expected ${JSON.stringify(answer)} but was asked to confirm: ${message}`);
      return answer.confirm;
    },
  };
}
