export interface TreeNode<T> {
  item: T;
  children: TreeNode<T>[];
}

/**
 * Builds a forest from parent links. Items whose parent is missing (or would form a cycle)
 * become roots, so every item appears exactly once.
 */
export function buildTree<T>(
  items: readonly T[],
  id: (item: T) => string,
  parentId: (item: T) => string | null,
): TreeNode<T>[] {
  const nodes = new Map<string, TreeNode<T>>();
  for (const item of items) nodes.set(id(item), { item, children: [] });
  const roots: TreeNode<T>[] = [];
  for (const item of items) {
    const node = nodes.get(id(item))!;
    const pid = parentId(item);
    const parent = pid === null ? undefined : nodes.get(pid);
    if (parent && !isAncestor(node, parent)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

function isAncestor<T>(candidate: TreeNode<T>, of: TreeNode<T>): boolean {
  if (candidate === of) return true;
  return candidate.children.some((c) => isAncestor(c, of));
}
