// Splits the body of an indicator file into SQL statements without a parser: semicolons inside strings,
// quoted identifiers and comments do not count. Used by the loader to reject files with two statements.

/** The statements of `text` (trimmed, without their semicolon); pieces holding only comments are dropped. */
export function splitStatements(text: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const flush = (end: number) => {
    if (hasCode) statements.push(text.slice(start, end).trim());
    start = end + 1;
    hasCode = false;
  };
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '-' && next === '-') {
      i = lineEnd(text, i);
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'" || c === '"') {
      hasCode = true;
      i = quoteEnd(text, i, c);
    } else if (c === '$' && dollarTag(text, i)) {
      const tag = dollarTag(text, i)!;
      const close = text.indexOf(tag, i + tag.length);
      hasCode = true;
      i = close < 0 ? text.length : close + tag.length;
    } else if (c === ';') {
      flush(i);
      i += 1;
    } else {
      if (!/\s/.test(c)) hasCode = true;
      i += 1;
    }
  }
  flush(text.length);
  return statements;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

/** Index just past the closing quote; a doubled quote is an escaped one. */
function quoteEnd(text: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return text.length;
}

/** `$$` or `$tag$` opening a dollar-quoted string (a `$name` parameter is not followed by `$`). */
function dollarTag(text: string, from: number): string | undefined {
  return /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(from, from + 64))?.[0];
}
