/**
 * The one stylesheet. Colours keep at least 4.5:1 contrast on their backgrounds (WCAG AA);
 * focus is always visible; the print rules leave only the list itself.
 */
export const STYLES = `
:root { --ink: #1a1a1a; --muted: #4a4a4a; --red: #9b1c1c; --red-dark: #7a1212; --gold: #fff4d6; --line: #c8c8c8; --ok: #0b5d1e; --bad: #a10000; --bg: #ffffff; --soft: #f6f6f4; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.5; }
body { margin: 0; }
a { color: var(--red-dark); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible, main:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.skip-link { position: absolute; left: -10000px; top: 0; background: #ffffff; color: var(--red-dark); padding: .5rem 1rem; z-index: 10; }
.skip-link:focus { left: .5rem; top: .5rem; }
.banner { background: var(--red); color: #ffffff; display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: .75rem 1.5rem; }
.banner a { color: #ffffff; }
.banner a:focus-visible, .banner button:focus-visible { outline-color: #ffffff; }
.brand a { font-weight: 700; font-size: 1.35rem; text-decoration: none; margin-right: .75rem; }
.tagline { font-size: .85rem; }
nav ul { list-style: none; display: flex; gap: 1.25rem; margin: 0; padding: 0; flex-wrap: wrap; }
nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.session { display: flex; gap: 1rem; align-items: center; font-size: .95rem; }
.session button.link { color: #ffffff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.25rem 1.5rem 3rem; }
h1 { color: var(--red-dark); font-size: 1.8rem; margin-top: .5rem; }
h2 { font-size: 1.35rem; margin-top: 2rem; border-bottom: 2px solid #d9a400; }
h3 { font-size: 1.1rem; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.25rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left; vertical-align: top; }
th { background: var(--soft); }
tr.revoked td { background: #fbeaea; }
tr.revoked .nominee { text-decoration: line-through; }
tr.mine td { background: #fff1b8; font-weight: 700; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .3rem; font-size: .85rem; font-weight: 700; border: 1px solid currentColor; }
.badge-ok { color: var(--ok); } .badge-bad { color: var(--bad); } .badge-info { color: var(--muted); }
.mono, code { font-family: "Noto Sans Mono", Consolas, monospace; font-size: .85rem; word-break: break-all; }
button, .button { font: inherit; background: var(--red); color: #ffffff; border: 0; border-radius: .3rem; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button:hover, .button:hover { background: var(--red-dark); }
button.secondary { background: #ffffff; color: var(--red-dark); border: 2px solid var(--red-dark); }
button.link { background: none; color: var(--red-dark); padding: 0; text-decoration: underline; }
form.inline { display: inline; }
label { display: block; font-weight: 600; margin-top: .75rem; }
input[type=text], input:not([type]), textarea, select { font: inherit; width: 100%; max-width: 36rem; padding: .4rem; border: 1px solid #767676; border-radius: .25rem; }
fieldset { border: 1px solid var(--line); margin: 1rem 0; padding: .5rem 1rem 1rem; }
legend { font-weight: 700; }
fieldset label { display: inline-flex; gap: .4rem; font-weight: 400; margin-right: 1.5rem; }
.notice { padding: .75rem 1rem; border-left: 6px solid; margin: 1rem 0; background: var(--soft); }
.notice-ok { border-color: var(--ok); } .notice-error { border-color: var(--bad); } .notice-info { border-color: #1d4ed8; }
.verify-result { margin-top: .5rem; }
.verify-result dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; }
.verify-result dt { font-weight: 600; }
.verify-result ol { margin: 0; padding-left: 1.2rem; }
.timeline { list-style: none; padding: 0; border-left: 4px solid #d9a400; }
.timeline li { margin: 0 0 .9rem 0; padding-left: 1rem; }
.timeline li p { margin: 0 0 .2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.timeline dl.facts { grid-template-columns: max-content minmax(8rem, 1fr) max-content minmax(8rem, 1fr) max-content minmax(8rem, 1fr); font-size: .92rem; margin: 0; }
.timeline dl.facts dd.wide { grid-column: span 5; }
tr.verify-row:has(.verify-result:empty) { display: none; }
.card { border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; margin: .75rem 0; }
.people { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .75rem; list-style: none; padding: 0; }
.footer { border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; padding: 1rem 1.5rem; text-align: center; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print {
  .banner, .footer, .skip-link, .no-print, button, form, .verify-result { display: none !important; }
  main { max-width: none; padding: 0; }
  h1 { color: #000000; }
  a { color: #000000; text-decoration: none; }
  table { page-break-inside: auto; } tr { page-break-inside: avoid; }
  th { background: none; }
  tr.revoked td { background: none; }
  tr.revoked td:last-child::after { content: " ✕"; }
}
`;
