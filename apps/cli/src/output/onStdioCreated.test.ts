import { describe, expect, it } from 'vitest';
import { onStdioCreated } from './onStdioCreated.js';

describe('onStdioCreated', () => {
  it('runs the hook once, on the first read of the stream, and the uninstaller restores the getter', () => {
    const before = Object.getOwnPropertyDescriptor(process, 'stderr');
    const seen: NodeJS.WriteStream[] = [];
    const undo = onStdioCreated('stderr', (stream) => seen.push(stream));
    try {
      expect(seen).toHaveLength(0);
      const stream = process.stderr;
      expect(process.stderr).toBe(stream);
      expect(seen).toEqual([stream]);
    } finally {
      undo();
    }
    expect(Object.getOwnPropertyDescriptor(process, 'stderr')).toEqual(before);
  });

  it('chains: hooks installed one after the other each run once, the first installed first', () => {
    const order: string[] = [];
    const undoOuter = onStdioCreated('stdout', () => order.push('outer'));
    const undoInner = onStdioCreated('stdout', () => order.push('inner'));
    try {
      void process.stdout;
      void process.stdout;
    } finally {
      undoInner();
      undoOuter();
    }
    expect(order).toEqual(['outer', 'inner']);
  });
});
