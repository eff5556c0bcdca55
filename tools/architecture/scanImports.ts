/** One module a source file imports or re-exports. */
export interface ImportRef {
  readonly specifier: string;
  /**
   * `import type …` or `export type … from`: erased by the compiler. A named
   * `import { type A }` is not type-only: with `verbatimModuleSyntax` the
   * import statement stays (as Biome's `noImportCycles` also counts it).
   */
  readonly typeOnly: boolean;
  /** `import('…')` with a literal specifier. */
  readonly dynamic: boolean;
  /** 1-based line of the `import` / `export` keyword. */
  readonly line: number;
}

type Token =
  | { readonly kind: 'word'; readonly text: string; readonly line: number }
  | { readonly kind: 'punct'; readonly text: string; readonly line: number }
  | { readonly kind: 'string'; readonly value: string; readonly line: number }
  | { readonly kind: 'template'; readonly line: number };

// After these a `/` starts a regular expression, not a division.
const regexAfterWords = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/**
 * The imports of a TypeScript or JavaScript source, found by a small tokenizer
 * (comments, strings, template literals and regular expressions are skipped, so
 * an `import` inside a string or a TSDoc example is not one). Covers static
 * imports and re-exports (`export … from`, `export * from`) and `import()` of a
 * string literal; `import.meta` and computed `import(expr)` are ignored.
 */
export function scanImports(source: string): ImportRef[] {
  const tokens = tokenize(source);
  const refs: ImportRef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word' || (t.text !== 'import' && t.text !== 'export')) continue;
    const prev = tokens[i - 1];
    if (prev && prev.kind === 'punct' && (prev.text === '.' || prev.text === '?.')) continue;
    const next = tokens[i + 1];
    if (!next) break;
    if (t.text === 'import') {
      if (next.kind === 'punct' && next.text === '.') continue; // import.meta
      if (next.kind === 'punct' && next.text === '(') {
        const arg = tokens[i + 2];
        const close = tokens[i + 3];
        if (arg?.kind === 'string' && close?.kind === 'punct' && (close.text === ')' || close.text === ',')) {
          refs.push({ specifier: arg.value, typeOnly: false, dynamic: true, line: t.line });
        }
        continue;
      }
      if (next.kind === 'string') {
        refs.push({ specifier: next.value, typeOnly: false, dynamic: false, line: t.line });
        continue;
      }
      const typeOnly = isWord(next, 'type') && !isWord(tokens[i + 2], 'from') && !isPunct(tokens[i + 2], ',');
      const from = findFrom(tokens, i + 1);
      if (from !== undefined) refs.push({ specifier: from, typeOnly, dynamic: false, line: t.line });
      continue;
    }
    // export: only `export [type] { … } from '…'` and `export [type] * [as x] from '…'` import anything.
    let j = i + 1;
    const typeOnly = isWord(tokens[j], 'type') && (isPunct(tokens[j + 1], '{') || isPunct(tokens[j + 1], '*'));
    if (typeOnly) j++;
    if (!isPunct(tokens[j], '{') && !isPunct(tokens[j], '*')) continue;
    const from = findFrom(tokens, j);
    if (from !== undefined) refs.push({ specifier: from, typeOnly, dynamic: false, line: t.line });
  }
  return refs;
}

function isWord(t: Token | undefined, text: string): boolean {
  return t?.kind === 'word' && t.text === text;
}

function isPunct(t: Token | undefined, text: string): boolean {
  return t?.kind === 'punct' && t.text === text;
}

/** The string after `from` at brace depth 0, before the statement ends; undefined when there is none. */
function findFrom(tokens: readonly Token[], start: number): string | undefined {
  let depth = 0;
  for (let k = start; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (t.text === '{') depth++;
      else if (t.text === '}') depth--;
      else if (t.text === ';' || (depth === 0 && (t.text === '=' || t.text === '('))) return undefined;
    } else if (t.kind === 'word' && t.text === 'from' && depth === 0) {
      const s = tokens[k + 1];
      return s?.kind === 'string' ? s.value : undefined;
    } else if (t.kind === 'template') {
      return undefined;
    }
  }
  return undefined;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  // Brace depth at which each open `${` of a template literal resumes the template.
  const templateResume: number[] = [];
  let braces = 0;
  const regexAllowed = (): boolean => {
    const p = tokens[tokens.length - 1];
    if (!p) return true;
    if (p.kind === 'word') return regexAfterWords.has(p.text);
    if (p.kind === 'punct') return p.text !== ')' && p.text !== ']' && p.text !== '}';
    return false;
  };
  const skipTemplate = (): void => {
    // At the character after '`' or after the '}' closing a substitution.
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if (c === '\n') line++;
      if (c === '`') {
        i++;
        return;
      }
      if (c === '$' && src[i + 1] === '{') {
        i += 2;
        templateResume.push(braces);
        braces++;
        return;
      }
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
    } else if (c === "'" || c === '"') {
      const startLine = line;
      let value = '';
      i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          value += src[i + 1] ?? '';
          i += 2;
        } else {
          value += src[i++];
        }
      }
      i++;
      tokens.push({ kind: 'string', value, line: startLine });
    } else if (c === '`') {
      tokens.push({ kind: 'template', line });
      i++;
      skipTemplate();
    } else if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      while (i < src.length && src[i] !== '\n') {
        const r = src[i];
        if (r === '\\') {
          i += 2;
          continue;
        }
        if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i++;
      }
      i++;
      while (i < src.length && /[a-z]/i.test(src[i])) i++;
      tokens.push({ kind: 'punct', text: '/re/', line });
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w$]/.test(src[j])) j++;
      tokens.push({ kind: 'word', text: src.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w.]/.test(src[j])) j++;
      tokens.push({ kind: 'word', text: src.slice(i, j), line });
      i = j;
    } else {
      if (c === '{') braces++;
      if (c === '}') {
        braces--;
        if (templateResume.length > 0 && templateResume[templateResume.length - 1] === braces) {
          templateResume.pop();
          i++;
          skipTemplate();
          continue;
        }
      }
      const two = src.slice(i, i + 2);
      const text = two === '?.' || two === '=>' ? two : c;
      tokens.push({ kind: 'punct', text, line });
      i += text.length;
    }
  }
  return tokens;
}
