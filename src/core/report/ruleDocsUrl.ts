import type { RuleId } from '../findings';

/** Where each rule's page (docs/rules/<id>.md) is published, for SARIF `helpUri` and editor links. */
const RULE_DOCS_BASE_URL = 'https://github.com/amr-migrate/amr-migrate/blob/main/docs/rules/';

export function ruleDocsUrl(id: RuleId): string {
  return `${RULE_DOCS_BASE_URL}${id}.md`;
}
