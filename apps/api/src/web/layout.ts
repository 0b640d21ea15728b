import { html, type Html } from './html';
import type { MessageKey } from './i18n/i18n';
import { switchLangUrl, type PageContext } from './page-context';

const NAV: { href: string; key: MessageKey }[] = [
  { href: '/pages', key: 'nav.honour' },
  { href: '/pages/council', key: 'nav.council' },
  { href: '/pages/audit', key: 'nav.audit' },
  { href: '/pages/secretariat', key: 'nav.secretariat' },
];

const current = (url: string, href: string): boolean => {
  const path = url.split('?')[0];
  return href === '/pages' ? path === '/pages' || path.startsWith('/pages/campaigns') || path.startsWith('/pages/notices') : path.startsWith(href);
};

/** The hidden CSRF field every form carries. */
export const csrfField = (ctx: PageContext): Html => html`<input type="hidden" name="_csrf" value="${ctx.csrf}">`;

/** A whole page: skip link, banner with navigation and language switch, main, footer. */
export function layout(ctx: PageContext, title: string, body: Html): string {
  const { t } = ctx;
  const other = ctx.lang === 'vi' ? 'en' : 'vi';
  const page = html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${t('app.name')}</title>
<link rel="stylesheet" href="/pages/assets/app.css">
<script src="/pages/assets/app.js" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t('skip')}</a>
<header class="banner">
  <div class="brand"><a href="/pages">${t('app.name')}</a><span class="tagline">${t('app.tagline')}</span></div>
  <nav aria-label="${t('nav.label')}">
    <ul>
      ${NAV.map((item) => html`<li><a href="${item.href}"${current(ctx.url, item.href) ? html` aria-current="page"` : ''}>${t(item.key)}</a></li>`)}
    </ul>
  </nav>
  <div class="session">
    ${ctx.user
      ? html`<span>${t('user.signedInAs', { name: ctx.user.name })}</span>
        <form method="post" action="/pages/sign-out" class="inline">${csrfField(ctx)}<button type="submit" class="link">${t('user.signOut')}</button></form>`
      : html`<a href="/pages/sign-in">${t('user.signIn')}</a>`}
    <a href="${switchLangUrl(ctx.url, other)}" lang="${other}" hreflang="${other}" aria-label="${t('lang.switch.label')}">${t('lang.switch')}</a>
  </div>
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${body}
</main>
<footer class="footer"><p>${t('footer.text')}</p></footer>
</body>
</html>`;
  return page.text;
}

/** A message box; role=status for news, role=alert for refusals. */
export function notice(kind: 'ok' | 'error' | 'info', message: string | Html): Html {
  return html`<div class="notice notice-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</div>`;
}
