import { describe, expect, it } from 'vitest';
import { buildTree, type TreeNode } from './tree';

type D = { id: string; parent: string | null };
const shape = (nodes: TreeNode<D>[]): unknown => nodes.map((n) => [n.item.id, shape(n.children)]);
const tree = (items: D[]) => shape(buildTree(items, (d) => d.id, (d) => d.parent));

describe('buildTree', () => {
  it('nests children under parents, in input order', () => {
    expect(tree([
      { id: 'a', parent: null },
      { id: 'b', parent: 'a' },
      { id: 'c', parent: 'a' },
      { id: 'd', parent: 'b' },
    ])).toEqual([['a', [['b', [['d', []]]], ['c', []]]]]);
  });

  it('makes an item with a missing parent a root', () => {
    expect(tree([{ id: 'x', parent: 'gone' }])).toEqual([['x', []]]);
  });

  it('breaks cycles instead of losing items', () => {
    const out = tree([
      { id: 'a', parent: 'b' },
      { id: 'b', parent: 'a' },
    ]);
    expect(out).toEqual([['b', [['a', []]]]]);
  });
});
