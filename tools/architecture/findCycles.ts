/** A set of nodes that all reach each other, with one shortest circle through them to show. */
export interface ImportCycle {
  /** The circle, first node repeated at the end: `[a, b, c, a]`. */
  readonly path: readonly string[];
  /** Every node of the strongly connected component, sorted; more than `path` when circles interlock. */
  readonly members: readonly string[];
}

/**
 * The import circles of a directed graph: one entry per strongly connected
 * component of two or more nodes (Tarjan's algorithm), each with the shortest
 * circle through its first node. A node importing itself is not a circle (as
 * Biome's `noImportCycles`). Deterministic: nodes and edges are visited sorted.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): ImportCycle[] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flat()])].sort();
  const targets = (n: string): string[] => [...new Set(graph.get(n) ?? [])].filter((m) => m !== n).sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Iterative Tarjan: frames of (node, next edge to visit).
    const frames: { node: string; edges: string[]; next: number }[] = [];
    const open = (n: string) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      frames.push({ node: n, edges: targets(n), next: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1];
      if (f.next < f.edges.length) {
        const m = f.edges[f.next++];
        if (!index.has(m)) open(m);
        else if (onStack.has(m)) low.set(f.node, Math.min(low.get(f.node)!, index.get(m)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(f.node)!));
      if (low.get(f.node) === index.get(f.node)) {
        const component: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          component.push(m);
        } while (m !== f.node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components
    .map((members) => ({ path: shortestCircle(members, targets), members }))
    .sort((a, b) => (a.members[0] < b.members[0] ? -1 : 1));
}

/** Breadth-first from the first member back to it, inside the component. */
function shortestCircle(members: readonly string[], targets: (n: string) => string[]): string[] {
  const inside = new Set(members);
  const start = members[0];
  const parent = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q];
    for (const m of targets(n)) {
      if (!inside.has(m)) continue;
      if (m === start) {
        const path = [start];
        for (let p: string | undefined = n; p !== undefined && p !== start; p = parent.get(p)) path.push(p);
        path.push(start);
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!parent.has(m)) {
        parent.set(m, n);
        queue.push(m);
      }
    }
  }
  return [start, start];
}

/** `a → b → c → a`, with the other members when the component is larger than the circle. */
export function formatCycle(cycle: ImportCycle): string {
  const shown = cycle.path.join(' → ');
  const rest = cycle.members.filter((m) => !cycle.path.includes(m));
  return rest.length === 0 ? shown : `${shown} (and, in the same knot: ${rest.join(', ')})`;
}
