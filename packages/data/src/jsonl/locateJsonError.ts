/** Where and why a JSON text is malformed. */
export interface JsonProblem {
  /** Offset (UTF-16 units) of the character where parsing failed. */
  readonly offset: number;
  readonly message: string;
}

/**
 * Finds the first syntax error of a JSON text that `JSON.parse` rejected, as
 * V8's messages do not always carry a position. A small recursive-descent
 * checker: it only runs on a line already known to be bad.
 */
export function locateJsonError(text: string): JsonProblem {
  let i = 0;
  const n = text.length;
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const fail = (message: string): never => {
    throw new Stop({ offset: i, message });
  };
  const unexpected = (expected: string): never => {
    if (i >= n) return fail(`unexpected end of line, expected ${expected}`);
    const word = /^[A-Za-z0-9_$]+/.exec(text.slice(i))?.[0] ?? text[i];
    return fail(`unexpected ${JSON.stringify(word)}, expected ${expected}`);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i) && !/[A-Za-z0-9_$]/.test(text[i + word.length] ?? '')) i += word.length;
    else unexpected('a value');
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= n) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('control character in string');
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) {
              i += k;
              fail('bad \\u escape');
            }
          }
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail('bad escape');
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) unexpected('a number');
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    ws();
    if (depth > 1000) fail('nested too deeply');
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') unexpected('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') unexpected('":"');
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        unexpected('"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        unexpected('"," or "]"');
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else unexpected('a value');
  };
  try {
    value(0);
    ws();
    if (i < n) fail(`unexpected ${JSON.stringify(text[i])} after the JSON value`);
  } catch (stop) {
    if (stop instanceof Stop) return stop.problem;
    throw stop;
  }
  return { offset: 0, message: 'invalid JSON' };
}

class Stop extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.message);
  }
}
