import type { Finding } from '../findings/finding';
import { ruleOf } from '../findings/finding';

/**
 * The actions a request triggered, as `<rule>:<mode>` (`pii.email:redact`,
 * `secret.aws_access_key:block`, `injection.override:flag`, `limit.output_length:truncate`):
 * a bounded vocabulary, fit for a metrics label and the usage event.
 */
export class ActionSet {
  private readonly actions = new Set<string>();

  add(finding: Pick<Finding, 'detector' | 'type'>, mode: string): void {
    this.actions.add(`${ruleOf(finding)}:${mode}`);
  }

  addRaw(action: string): void {
    this.actions.add(action);
  }

  list(): string[] {
    return [...this.actions].sort();
  }

  get size(): number {
    return this.actions.size;
  }
}
