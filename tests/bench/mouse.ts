// The mouse work every reader measure shares: a drag between two points, and the selection of a passage deep in the
// long article the way an analyst makes it (Gloss's bench, its apply profile).
import type { Page } from '@playwright/test';

export interface DragBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Presses at (x1, y1), drags in three steps to (x2, y2) and releases. */
export async function dragBetween(page: Page, box: DragBox): Promise<void> {
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 3 });
  await page.mouse.up();
}

/**
 * Scrolls the reader's `paragraphIndex`-th long paragraph (over 60 characters, counted round) into view and drags
 * over characters 3–41 of its first text node of 45 or more characters.
 */
export async function selectPassageDeep(page: Page, paragraphIndex: number): Promise<void> {
  // Page code is passed as a string: tsx's transform would otherwise inject helpers the page does not have.
  const box = (await page.evaluate(`(() => {
    const paragraphs = [...document.querySelectorAll('[data-testid="article-text"] p')].filter((p) => p.textContent.length > 60);
    const p = paragraphs[${paragraphIndex} % paragraphs.length];
    p.scrollIntoView({ block: 'center' });
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let node = walker.nextNode();
    while (node && node.textContent.length < 45) node = walker.nextNode();
    const range = document.createRange();
    range.setStart(node, 3);
    range.setEnd(node, 4);
    const a = range.getBoundingClientRect();
    range.setStart(node, 40);
    range.setEnd(node, 41);
    const b = range.getBoundingClientRect();
    return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
  })()`)) as DragBox;
  await dragBetween(page, box);
}
