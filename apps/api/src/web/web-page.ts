import type { FastifyReply } from 'fastify';
import type { Role } from '@vinhdanh/domain';
import { html, type Html } from './html';
import { layout, notice } from './layout';
import type { PageContext } from './page-context';

/** Only this origin's script and style; no inline script (data travels in JSON script blocks). */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

export function sendPage(reply: FastifyReply, ctx: PageContext, title: string, body: Html, status = 200): void {
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(layout(ctx, title, body));
}

export function redirect(reply: FastifyReply, location: string): void {
  reply.status(303).header('location', location).header('cache-control', 'no-store').send();
}

export function errorPage(reply: FastifyReply, ctx: PageContext, status: number, message: string): void {
  sendPage(reply, ctx, ctx.t('error.title'), html`${notice('error', message)}<p><a href="/pages">${ctx.t('error.back')}</a></p>`, status);
}

/**
 * Staff pages: a visitor who is not signed in goes to the sign-in page (and comes back); a
 * signed-in person without one of the roles gets a 403 page. Returns whether to go on.
 */
export function allow(reply: FastifyReply, ctx: PageContext, roles: Role[]): boolean {
  if (!ctx.user) {
    redirect(reply, `/pages/sign-in?next=${encodeURIComponent(ctx.url.split('?')[0])}`);
    return false;
  }
  if (!roles.some((r) => ctx.user?.roles.includes(r))) {
    errorPage(reply, ctx, 403, `${ctx.t('error.forbidden')} ${ctx.t('sec.needRole', { role: roles.map((r) => ctx.t(`role.${r}`)).join(', ') })}`);
    return false;
  }
  return true;
}
