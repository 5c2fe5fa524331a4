// Styles for the inline UI, adopted into our closed shadow root (never injected into the page).
export const UI_CSS = `
:host { all: initial; }
.badge {
  position: fixed; display: none; align-items: center; gap: 4px; box-sizing: border-box;
  font: 600 12px/1 system-ui, sans-serif; padding: 4px 8px; border-radius: 999px;
  border: 1px solid transparent; cursor: pointer; pointer-events: auto;
  box-shadow: 0 1px 3px rgba(0,0,0,.25);
}
.badge[data-level="caution"] { display: inline-flex; background: #fff4d6; color: #6b4500; border-color: #e0a400; }
.badge[data-level="pitch"] { display: inline-flex; background: #fde2e1; color: #8a1111; border-color: #d33; }
.badge[data-level="unavailable"] { display: inline-flex; background: #f2f2f2; color: #555; border-color: #bbb; opacity: .8; cursor: default; box-shadow: none; }
.badge:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
.card {
  position: fixed; display: none; width: min(360px, calc(100vw - 16px)); max-height: 70vh; overflow: auto;
  box-sizing: border-box; padding: 12px 14px; border-radius: 10px; pointer-events: auto;
  font: 13px/1.4 system-ui, sans-serif; color: #1d1d1f; background: #fff;
  border: 1px solid #ccc; box-shadow: 0 6px 24px rgba(0,0,0,.2);
}
.card[data-open="true"] { display: block; }
.card h2 { font-size: 14px; margin: 0 0 6px; }
.card h3 { font-size: 12px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
.card ul { margin: 0; padding-left: 18px; }
.card .actions { position: sticky; bottom: -12px; margin: 8px -14px -12px; padding: 4px 14px 10px; background: inherit; border-top: 1px solid rgba(127,127,127,.3); }
.card li { margin: 3px 0; }
.card q { background: #fde2e1; border-radius: 3px; padding: 0 2px; }
.card .rule { font: 11px ui-monospace, monospace; color: #666; }
.card button {
  font: inherit; font-size: 12px; margin: 4px 6px 0 0; padding: 3px 8px; border-radius: 6px;
  border: 1px solid #999; background: #f6f6f6; color: inherit; cursor: pointer;
}
.card ul.fixes { list-style: none; padding-left: 0; }
.card button.fix { display: block; width: 100%; text-align: left; margin: 4px 0 0; padding: 5px 8px; }
.card button.fix .label { font-weight: 600; display: block; }
.card button.fix .preview { display: block; color: #444; overflow-wrap: anywhere; }
.card button.fix .after { display: block; font-size: 11px; color: #555; }
.card del { background: #fde2e1; color: #8a1111; }
.card ins { background: #dff3e0; color: #145a1c; text-decoration: none; }
.card button:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 1px; }
.overlay {
  position: fixed; display: none; overflow: hidden; pointer-events: none; color: transparent;
  white-space: pre-wrap; overflow-wrap: break-word; box-sizing: border-box; border-color: transparent !important;
}
.overlay mark { color: transparent; background: rgba(220, 40, 40, .25); border-radius: 2px; }
.live { position: fixed; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
@media (prefers-color-scheme: dark) {
  .card { color: #eee; background: #222; border-color: #555; }
  .card h3, .card .rule { color: #aaa; }
  .card button { background: #333; border-color: #666; }
  .card q { background: #6b1d1d; }
  .card button.fix .preview, .card button.fix .after { color: #ccc; }
  .card del { background: #6b1d1d; color: #fdd; }
  .card ins { background: #1d4d22; color: #dfd; }
}
`;

/** The page-side style for the Custom Highlight API (adopted only while the card is open). */
export const HIGHLIGHT_NAME = 'read-the-room-signal';
export const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT_NAME}) { background-color: rgba(220, 40, 40, .28); }`;
