/**
 * The automated migrations this window knows of, keyed by both caches, so the Caches view can show the state on the
 * source and on the target. Runs in plain node (no `vscode` at run time), like the caches service.
 */
import type { LocalCheck } from '../../core/migration/localChecks';
import type { MigrationStatus, ValidationResult } from '../../core/migration/migration';

export interface KnownMigration {
  sourceId: string;
  targetId: string;
  status: MigrationStatus;
}

/** The last validation of a source against a target: the local checks and Azure's answer. */
export interface KnownValidation {
  sourceId: string;
  targetId: string;
  targetName: string;
  checks: LocalCheck[];
  result: ValidationResult;
  /** ISO time of the validation. */
  at: string;
}

type Listener = () => void;

export class MigrationStates {
  private readonly byCache = new Map<string, KnownMigration>();
  private readonly validations = new Map<string, KnownValidation>();
  private readonly listeners = new Set<Listener>();

  /** Records the latest status of a migration and tells the view. */
  update(sourceId: string, targetId: string, status: MigrationStatus): void {
    const known = { sourceId, targetId, status };
    this.byCache.set(sourceId.toLowerCase(), known);
    this.byCache.set(targetId.toLowerCase(), known);
    this.changed();
  }

  /** Records the latest validation of a source (one per source: the newest wins) and tells the views. */
  validated(validation: KnownValidation): void {
    this.validations.set(validation.sourceId.toLowerCase(), validation);
    this.changed();
  }

  validationOf(sourceId: string): KnownValidation | undefined {
    return this.validations.get(sourceId.toLowerCase());
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Every migration known, once each. */
  all(): KnownMigration[] {
    return [...new Set(this.byCache.values())];
  }

  of(cacheId: string): KnownMigration | undefined {
    return this.byCache.get(cacheId.toLowerCase());
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A short note for a cache's tree item: which side it is and the state, with the rollback deadline when open. */
  describe(cacheId: string, now = new Date()): string | undefined {
    const known = this.of(cacheId);
    if (!known) return undefined;
    const side = known.sourceId.toLowerCase() === cacheId.toLowerCase() ? 'migrating out' : 'migrating in';
    const { provisioningState, rollbackEligibleUntil } = known.status;
    const until = rollbackEligibleUntil && Date.parse(rollbackEligibleUntil) > now.getTime() ? `, rollback until ${rollbackEligibleUntil.slice(0, 10)}` : '';
    return `${side}: ${provisioningState}${until}`;
  }
}
