// What a person sees go wrong in a page's layout, measured in the browser: the page scrolls sideways,
// an element's box runs past the window's right edge (and no scrolling panel holds it), or text is cut
// off (clipped by overflow, or an ellipsis with no title giving the whole text). Each problem names the
// element (a short selector) and its text. Used by tests/e2e/responsive.test.ts.
import type { Page } from 'playwright-core';

export interface LayoutProblem {
  kind: 'page-scrolls-sideways' | 'past-right-edge' | 'text-clipped' | 'ellipsis-without-title';
  selector: string;
  text: string;
  detail: string;
}

/**
 * Runs in the page (passed to page.evaluate, so it must not use anything from this module). Elements
 * not drawn (display none, visibility hidden, a closed <details>, the 1 px "visually hidden" text for
 * screen readers) and the inside of charts (svg, canvas) are left out.
 */
function probe(): LayoutProblem[] {
  const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
  const styles = new Map<Element, CSSStyleDeclaration>();
  const style = (el: Element) => {
    let s = styles.get(el);
    if (!s) styles.set(el, (s = getComputedStyle(el)));
    return s;
  };
  const describe = (el: Element) => {
    const part = (e: Element) =>
      e.tagName.toLowerCase() +
      (e.id ? `#${e.id}` : '') +
      [...e.classList]
        .slice(0, 3)
        .map((c) => `.${c}`)
        .join('');
    const parts = [part(el)];
    for (let p = el.parentElement; p && p !== document.body && parts.length < 4; p = p.parentElement) {
      parts.unshift(part(p));
      if (p.id) break;
    }
    return parts.join(' > ');
  };
  const textOf = (el: Element) => ((el as HTMLElement).innerText ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const problems: LayoutProblem[] = [];
  /** a tooltip with the whole text, on the element or what it holds (the link of a clamped title) */
  const titled = (el: Element) => !!(el as HTMLElement).title || !!el.querySelector('[title]');
  const add = (kind: LayoutProblem['kind'], el: Element, detail: string) =>
    problems.push({ kind, selector: describe(el), text: textOf(el).slice(0, 100), detail });

  const scroller = document.scrollingElement ?? document.documentElement;
  if (scroller.scrollWidth > window.innerWidth)
    add(
      'page-scrolls-sideways',
      document.body,
      `the page is ${scroller.scrollWidth} px wide in a window of ${window.innerWidth} px`,
    );

  /** Whether an ancestor that scrolls or clips sideways holds the element inside the window. */
  const heldBy = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = style(p).overflowX;
      if (o !== 'visible') return p.getBoundingClientRect().right <= width + 1;
    }
    return false;
  };
  const drawn = (el: Element, r: DOMRect) => {
    if (el.closest('svg, canvas, script, style, noscript, template')) return false;
    if (r.width <= 1 || r.height <= 1) return false;
    const s = style(el);
    return s.visibility !== 'hidden' && s.display !== 'contents' && Number(s.opacity) !== 0;
  };
  const all = [...document.body.querySelectorAll('*')];
  const rects = new Map(all.map((el) => [el, el.getBoundingClientRect()]));
  // Past the right edge: where it starts, not every box inside it: an element past the edge whose parent
  // is not (a table wider than its panel, a grid column wider than the window, a box pushed out).
  const past = new Set(
    all.filter((el) => drawn(el, rects.get(el)!) && rects.get(el)!.right > width + 1 && !heldBy(el)),
  );
  const outermost = (el: Element) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (past.has(p)) return false;
    return true;
  };
  const culprits = [...past].filter(outermost);
  for (const el of culprits) {
    const r = rects.get(el)!;
    add('past-right-edge', el, `${Math.round(r.width)} px wide, right edge at ${Math.round(r.right)} px of ${width}`);
  }
  for (const el of all) {
    const s = style(el);
    if (past.has(el) || !drawn(el, rects.get(el)!)) continue;
    const clips = (o: string) => o === 'hidden' || o === 'clip';
    const box = el as HTMLElement;
    if (!textOf(el)) continue;
    // a line clamp ends in "…" like text-overflow: ellipsis
    const clamped = !['', 'none'].includes(s.getPropertyValue('-webkit-line-clamp'));
    if (clamped && box.scrollHeight > box.clientHeight + 1) {
      if (!titled(el))
        add('ellipsis-without-title', el, `${box.scrollHeight} px of lines clamped to ${box.clientHeight} px`);
    } else if (clips(s.overflowX) && box.scrollWidth > box.clientWidth + 1) {
      if (s.textOverflow === 'ellipsis') {
        if (!titled(el))
          add('ellipsis-without-title', el, `ends in "…" (${box.scrollWidth} px of text in ${box.clientWidth} px)`);
      } else add('text-clipped', el, `${box.scrollWidth} px of content cut to ${box.clientWidth} px`);
    } else if (clips(s.overflowY) && box.scrollHeight > box.clientHeight + 4 && box.clientHeight > 0) {
      add('text-clipped', el, `${box.scrollHeight} px of content cut to ${box.clientHeight} px high`);
    }
  }
  return problems;
}

/** The layout problems of the page as it is drawn now. */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  return page.evaluate(probe);
}

export const formatProblems = (problems: LayoutProblem[]): string =>
  problems.map((p) => `${p.kind}: ${p.selector} "${p.text}" (${p.detail})`).join('\n');
