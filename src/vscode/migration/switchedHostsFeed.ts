/**
 * Feeds the scan the old host names Azure's automated migration switched by DNS, as the Caches view knows them (the
 * listed AMR caches' migratedEndpoint, and the migrations this window followed), so findings on those hosts say what
 * must still change. It only listens: it never starts a read of Azure, and it scans again only when the hosts changed.
 */
import type * as vscode from 'vscode';
import type { CacheInfo } from '../../core/azure/cacheModel';
import { switchedHostsFrom, type SwitchedHosts } from '../../core/migration/switchedHosts';
import type { CachesService } from '../caches/cachesService';
import type { MigrationStates } from './migrationStates';

export interface SwitchedHostsFeedDeps {
  caches: Pick<CachesService, 'onDidStartLoading'>;
  states: Pick<MigrationStates, 'all' | 'onDidChange'>;
  /** Hands the hosts to the scans; true when they changed. */
  use(hosts: SwitchedHosts): boolean;
  rescan(why: string): void;
}

export function feedSwitchedHosts({ caches, states, use, rescan }: SwitchedHostsFeedDeps): vscode.Disposable {
  let listed: readonly CacheInfo[] = [];
  const update = () => {
    if (use(switchedHostsFrom(listed, states.all()))) rescan('the hosts switched by automated migrations changed');
  };
  const subscriptions = [
    caches.onDidStartLoading((loading) => {
      void loading.then((state) => {
        // A failed or signed-out read says nothing about the switches: what was listed before still holds.
        if (state.kind !== 'listed') return;
        listed = state.groups.flatMap((group) => group.caches);
        update();
      });
    }),
    states.onDidChange(update),
  ];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
