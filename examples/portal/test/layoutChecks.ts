/**
 * Layout checks run in the page on every screen of the screenshot suite, for a phone
 * (390x844). Each returns what it found wrong, one line per element, so a failure names them.
 *
 * Overflow: nothing may be wider than the screen. The document must not scroll sideways, no
 * element may stick out past the right or left edge, and no element's content may be wider
 * than its box (`scrollWidth > clientWidth`). Left out on purpose: deliberate scrollers
 * (`overflow-x: auto | scroll`, such as the terms box), deliberate truncation
 * (`text-overflow: ellipsis`, the member's name at the top right), text for screen readers
 * only (`.visually-hidden`, clipped to 1 px), and form controls (an input scrolls its value).
 *
 * Touch targets: every visible button, link, input, select, textarea, summary and
 * `[role=button]` is at least 44 px high, and at least 44 px wide unless it is a link inside a
 * sentence (an inline element whose block also holds text of its own: WCAG 2.5.8's inline
 * exception, for width only; its height still counts, so such a link needs a tall enough
 * line). A checkbox or radio button is measured by its label (the whole label toggles it: the
 * target the finger hits). Hidden elements (no box: `display: none`, a closed `<details>`,
 * `visibility: hidden`) are skipped.
 *
 * The language button (「日本語」 / 「English」) keeps its label on one line.
 */
import type { Page } from 'playwright-core';

/** The smallest target, in CSS pixels (WCAG 2.5.5, Apple's and Google's guidelines). */
export const MIN_TARGET_PX = 44;

/**
 * Runs `check(arg)` in the page. Sent as source: a transpiler that keeps function names
 * (`__name(...)`) would otherwise call a helper the page does not have.
 */
export function inPage<A, R>(page: Page, check: (arg: A) => R, arg: A): Promise<R> {
  return page.evaluate(
    `(() => { const __name = (f) => f; return (${check.toString()})(${JSON.stringify(arg)}); })()`,
  ) as Promise<R>;
}

/** Everything wrong with the layout of the current screen (empty when it is fine). */
export function layoutProblems(page: Page): Promise<string[]> {
  return inPage(page, checkLayout, MIN_TARGET_PX);
}

/** The checks, run in the page. */
function checkLayout(min: number): string[] {
  const problems: string[] = [];
  const viewport = document.documentElement.clientWidth;
  const describe = (element: Element) => {
    const id = element.id ? `#${element.id}` : '';
    const classes = Array.from(element.classList)
      .map((c) => `.${c}`)
      .join('');
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${element.tagName.toLowerCase()}${id}${classes}> "${text}"`;
  };
  const visible = (element: Element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
  };
  const srOnly = (element: Element) => element.closest('.visually-hidden') !== null;
  const scroller = (element: Element) =>
    ['auto', 'scroll'].includes(getComputedStyle(element).overflowX);
  const insideScroller = (element: Element) => {
    for (let e = element.parentElement; e !== null; e = e.parentElement) {
      if (scroller(e)) return true;
    }
    return false;
  };

  // (a) Overflow.
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide for ${viewport} px`);
  }
  for (const element of Array.from(document.body.querySelectorAll('*'))) {
    if (!visible(element) || srOnly(element)) continue;
    const tag = element.tagName.toLowerCase();
    if (['input', 'textarea', 'select', 'img', 'svg', 'script', 'style'].includes(tag)) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (!insideScroller(element) && (box.right > viewport + 0.5 || box.left < -0.5)) {
      problems.push(
        `sticks out of the screen (${Math.round(box.left)}..${Math.round(box.right)} px): ${describe(element)}`,
      );
    }
    if (scroller(element) || style.textOverflow === 'ellipsis') continue;
    if (element.clientWidth > 0 && element.scrollWidth > element.clientWidth + 1) {
      problems.push(
        `content wider than its box (${element.scrollWidth} > ${element.clientWidth} px): ${describe(element)}`,
      );
    }
  }

  // (b) Touch targets.
  const interactive = 'button, a, input, select, textarea, summary, [role=button]';
  for (const element of Array.from(document.body.querySelectorAll(interactive))) {
    if (element instanceof HTMLInputElement && element.type === 'hidden') continue;
    let target: Element = element;
    if (
      element instanceof HTMLInputElement &&
      (element.type === 'checkbox' || element.type === 'radio')
    ) {
      target = element.closest('label') ?? element.labels?.[0] ?? element;
    }
    if (!visible(target) || srOnly(target)) continue;
    const box = target.getBoundingClientRect();
    const parent = target.parentElement;
    const ownText = parent
      ? Array.from(parent.childNodes).some(
          (n) => n.nodeType === Node.TEXT_NODE && /\S/.test(n.textContent ?? ''),
        )
      : false;
    const inlineInText = getComputedStyle(target).display === 'inline' && ownText;
    if (box.height < min) {
      problems.push(`target ${Math.round(box.height)} px high (< ${min}): ${describe(target)}`);
    }
    if (!inlineInText && box.width < min) {
      problems.push(`target ${Math.round(box.width)} px wide (< ${min}): ${describe(target)}`);
    }
  }

  // (c) The language button 「日本語」 / 「English」 on one line.
  for (const button of Array.from(document.querySelectorAll('button.lang'))) {
    const range = document.createRange();
    range.selectNodeContents(button);
    const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
    if (lines.size > 1) problems.push(`wraps onto ${lines.size} lines: ${describe(button)}`);
  }
  return problems;
}
