import type { BrowserEntryProof, BrowserVerifyReport } from './browser-verifier';

declare function verifyEntryProofInBrowser(proof: BrowserEntryProof, pinnedKeys: string[], decisionNumber: string | null): Promise<BrowserVerifyReport>;

/**
 * What the pages do in the browser: verify buttons, the print button, and keeping the voter's
 * receipt on their own device (localStorage) and finding it in the tally without sending it
 * anywhere. Serialised into the client script like the verifier, so: no imports, no outer values.
 */
export function clientMain(): void {
  const readJson = <T>(id: string): T | null => {
    const element = document.getElementById(id);
    return element && element.textContent ? (JSON.parse(element.textContent) as T) : null;
  };
  const messages = readJson<Record<string, string>>('client-messages') ?? {};
  const msg = (key: string, params: Record<string, string> = {}) => (messages[key] ?? key).replace(/\{(\w+)\}/g, (w, n: string) => params[n] ?? w);
  const el = (tag: string, text?: string, className?: string): HTMLElement => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };

  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-verify]'))) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const nominationId = button.dataset.verify ?? '';
      const output = document.getElementById(`verify-${nominationId}`);
      if (!output) return;
      output.textContent = msg('verify.running');
      button.disabled = true;
      let report: BrowserVerifyReport;
      try {
        const response = await fetch(`/honour-list/${encodeURIComponent(nominationId)}/proof`, { headers: { accept: 'application/json' } });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const proof = (await response.json()) as BrowserEntryProof;
        report = await verifyEntryProofInBrowser(proof, readJson<string[]>('ledger-keys') ?? [], button.dataset.decision ?? null);
      } catch (error) {
        report = { ok: false, reason: error instanceof Error ? error.message : String(error), code: 'MALFORMED', failedAt: null, leafHash: null, proofPath: [], root: null, treeSize: null, keyId: null, signatureValid: false, eventsChecked: 0, decisionInLog: null };
      }
      button.disabled = false;
      output.textContent = '';
      output.dataset.result = report.ok ? 'valid' : 'invalid';
      output.dataset.reason = report.code ?? '';
      // The reason in the reader's language; the verifier's own words (English) stay as a tooltip.
      const reason = report.code && report.code !== 'MALFORMED' ? msg(`verify.reason.${report.code}`, { position: String(report.failedAt ?? '') }) : (report.reason ?? '');
      const verdict = el('p', report.ok ? msg('verify.ok') : msg('verify.fail', { reason }), report.ok ? 'badge badge-ok' : 'badge badge-bad');
      if (report.reason) verdict.title = report.reason;
      output.append(verdict);
      const list = el('dl');
      const row = (key: string, value: string | HTMLElement) => {
        list.append(el('dt', msg(key)));
        const dd = el('dd');
        dd.append(value);
        list.append(dd);
      };
      const yesNo = (b: boolean) => msg(b ? 'verify.yes' : 'verify.no');
      row('verify.leaf', el('code', report.leafHash ?? '—'));
      const path = el('ol');
      for (const step of report.proofPath) path.append(el('li', step, 'mono'));
      row('verify.path', report.proofPath.length ? path : '—');
      row('verify.root', el('code', report.root ?? '—'));
      row('verify.size', report.treeSize === null ? '—' : String(report.treeSize));
      row('verify.keyId', el('code', report.keyId ?? '—'));
      row('verify.signature', yesNo(report.signatureValid));
      row('verify.events', String(report.eventsChecked));
      if (report.decisionInLog !== null) row('verify.decisionInLog', yesNo(report.decisionInLog));
      output.append(list);
    });
  }

  for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-print]'))) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  // The receipt stays on the voter's device; the server never learns which ballot they look for.
  for (const receipt of Array.from(document.querySelectorAll<HTMLElement>('[data-receipt]'))) {
    try {
      localStorage.setItem(`vd-receipt:${receipt.dataset.nomination ?? ''}`, receipt.dataset.receipt ?? '');
    } catch {
      // Storage may be off; the receipt is on the screen to copy.
    }
  }
  const finder = document.getElementById('find-receipt') as HTMLFormElement | null;
  if (finder) {
    finder.hidden = false;
    const input = finder.querySelector('input') as HTMLInputElement;
    const status = document.getElementById('find-status');
    try {
      input.value = localStorage.getItem(`vd-receipt:${finder.dataset.nomination ?? ''}`) ?? '';
    } catch {
      // no storage: the voter types it
    }
    finder.addEventListener('submit', (event) => {
      event.preventDefault();
      const wanted = input.value.trim();
      let found: HTMLTableRowElement | null = null;
      for (const row of Array.from(document.querySelectorAll<HTMLTableRowElement>('tr[data-ballot]'))) {
        const mine = row.dataset.ballot === wanted && wanted !== '';
        row.classList.toggle('mine', mine);
        if (mine) found = row;
      }
      if (status) status.textContent = msg(found ? 'tally.found' : 'tally.notFound');
      if (found) {
        found.tabIndex = -1;
        found.focus();
      }
    });
  }
}
