import type { CacheInfo } from '../../core/azure/cacheModel';
import type { CachesTreeProvider } from './cachesTree';

/** Caches the Caches view has read (nothing when signed out or on error); reads Azure first if the view has not yet. */
export async function listedCaches(tree: CachesTreeProvider): Promise<CacheInfo[]> {
  const roots = await tree.getChildren();
  const subscriptions = roots.filter((node) => node.kind === 'subscription');
  const children = await Promise.all(subscriptions.map((node) => tree.getChildren(node)));
  return children.flat().flatMap((node) => (node.kind === 'cache' ? [node.cache] : []));
}
