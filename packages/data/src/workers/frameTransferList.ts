import type { Frame } from '@driftwatch/core';

/**
 * The buffers of a frame's typed arrays, to move (not copy) them to another
 * thread. A column array starts its buffer (it may leave a small unused tail:
 * see `trimmed`); an array in the middle of a shared buffer is left to be copied.
 */
export function frameTransferList(frame: Frame): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const column of frame.columns) {
    let array: ArrayBufferView | undefined;
    if ('codes' in column) array = column.codes;
    else if (column.kind !== 'text') array = column.values;
    if (array && array.buffer instanceof ArrayBuffer && array.byteOffset === 0 && array.byteLength === array.buffer.byteLength)
      buffers.add(array.buffer);
  }
  return [...buffers];
}
