/** HTML building blocks of the plan panel: escaped text, codicons and buttons that post a typed message. */
import type { PanelMessage } from './planMessages';

/** Text for HTML: escapes the five characters that could end a text node or an attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The message a button or link posts, as a data attribute the panel's script reads. */
export const messageAttr = (message: PanelMessage) => `data-message="${escapeHtml(JSON.stringify(message))}"`;

export function icon(name: string): string {
  return `<span class="codicon codicon-${name}" aria-hidden="true"></span>`;
}

export function button(label: string, codicon: string, message: PanelMessage): string {
  return `<button type="button" ${messageAttr(message)}>${icon(codicon)} ${escapeHtml(label)}</button>`;
}
