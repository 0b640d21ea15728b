/**
 * A small in-page accessibility check (no axe here): page language, one h1, the landmarks and
 * the skip link, a name for every form control and button, table headers, and WCAG AA contrast
 * of every piece of text against its effective background. Returns the violations found.
 * Runs in the browser via page.evaluate, so it is self-contained.
 */
export function accessibilityViolations(): string[] {
  const out: string[] = [];
  const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}`;
  if (!document.documentElement.lang) out.push('html has no lang');
  if (document.querySelectorAll('h1').length !== 1) out.push(`${document.querySelectorAll('h1').length} h1 elements`);
  for (const selector of ['header', 'nav[aria-label]', 'main#main', 'footer', 'a.skip-link[href="#main"]']) {
    if (!document.querySelector(selector)) out.push(`missing ${selector}`);
  }
  for (const control of Array.from(document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea'))) {
    const labelled = control.getAttribute('aria-label') || (control.id && document.querySelector(`label[for="${control.id}"]`)) || control.closest('label');
    if (!labelled) out.push(`unlabelled ${describe(control)}`);
  }
  for (const button of Array.from(document.querySelectorAll<HTMLElement>('button, a[href]'))) {
    if (!(button.getAttribute('aria-label') || button.textContent?.trim())) out.push(`nameless ${describe(button)}`);
  }
  for (const table of Array.from(document.querySelectorAll('table'))) {
    if (!table.querySelector('th')) out.push(`table without headers near ${describe(table.parentElement ?? table)}`);
  }
  const rgba = (text: string): [number, number, number, number] => {
    const m = /rgba?\(([^)]+)\)/.exec(text);
    if (!m) return [0, 0, 0, 0];
    const [r, g, b, a = '1'] = m[1].split(',').map((s) => s.trim());
    return [Number(r), Number(g), Number(b), Number(a)];
  };
  const luminance = ([r, g, b]: number[]) => {
    const c = [r, g, b].map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el: Element | null): number[] => {
    for (let node = el; node; node = node.parentElement) {
      const bg = rgba(getComputedStyle(node).backgroundColor);
      if (bg[3] > 0.5) return bg;
    }
    return [255, 255, 255, 1];
  };
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
    const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
    if (!hasText || el.closest('[hidden], .visually-hidden, script, style, noscript') || el.getClientRects().length === 0) continue;
    const style = getComputedStyle(el);
    const fg = luminance(rgba(style.color));
    const bg = luminance(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) out.push(`contrast ${ratio.toFixed(2)} for ${describe(el)} "${el.textContent?.trim().slice(0, 30)}"`);
  }
  return out;
}
