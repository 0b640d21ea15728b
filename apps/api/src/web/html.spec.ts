import { escapeHtml, html, jsonScript, trusted } from './html';
import { formatDate, translator } from './i18n/i18n';
import { EN } from './i18n/messages.en';
import { VI } from './i18n/messages.vi';

describe('page building blocks', () => {
  it('escapes every interpolated value, nested lists included, and leaves built HTML alone', () => {
    const name = `<img src=x onerror="alert('x')">&`;
    const out = html`<p title="${name}">${[name, html`<b>${name}</b>`]}${null}${false}${0}</p>`.text;
    expect(out).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;<b>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</b>0</p>',
    );
    expect(html`${trusted('<br>')}`.text).toBe('<br>');
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('keeps JSON data from closing its script block', () => {
    const out = jsonScript('data', { x: '</script><script>alert(1)</script>', y: '\u2028' }).text;
    expect(out).not.toContain('</script><script>');
    expect(JSON.parse(out.replace(/^<script[^>]*>|<\/script>$/g, ''))).toEqual({ x: '</script><script>alert(1)</script>', y: '\u2028' });
  });

  it('has every message in both languages, with the same placeholders', () => {
    for (const key of Object.keys(VI) as (keyof typeof VI)[]) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect({ key, en: names(EN[key]) }).toEqual({ key, en: names(VI[key]) });
    }
    expect(translator('vi')('tally.result', { yes: 4, no: 0, abstain: 1, required: 3 })).toBe('Đồng ý 4, không đồng ý 0, không biểu quyết 1; cần 3 phiếu đồng ý.');
  });

  it('writes dates as Vietnamese readers expect, times in Vietnam\'s zone', () => {
    expect(formatDate('vi', '2026-10-12')).toBe('12/10/2026');
    expect(formatDate('en', '2026-10-12')).toBe('2026-10-12');
    expect(formatDate('vi', '2026-10-11T17:30:00Z')).toContain('12/10');
  });
});
