// Styles for the extension's shadow root. Applied as a constructed stylesheet, which page
// CSP does not block; a <style> element is the fallback (Firefox content-script wrappers).
export const LAYER_CSS = `
:host { all: initial; }
.box { position: fixed; pointer-events: none; border-bottom: 2px solid; opacity: .85; }
.mirror { position: fixed; visibility: hidden; pointer-events: none; white-space: pre-wrap;
  overflow-wrap: break-word; overflow: hidden; box-sizing: border-box; }
.card, .bar, .review { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #212529; }
.card { position: fixed; z-index: 2; pointer-events: auto; width: 300px; max-width: calc(100vw - 16px); background: #fff;
  border: 1px solid #dee2e6; border-radius: 10px; box-shadow: 0 8px 24px rgba(0,0,0,.16); padding: 12px; }
.card[hidden], .panel[hidden], .bar[hidden], .toast[hidden], .review[hidden] { display: none; }
.keys { margin-top: 8px; color: #868e96; font-size: 11px; }
.review { position: fixed; z-index: 2; pointer-events: auto; top: 8px; right: 8px; width: 380px; max-width: calc(100vw - 16px);
  max-height: calc(100vh - 16px); overflow: auto; box-sizing: border-box; background: #fff; border: 1px solid #dee2e6;
  border-radius: 10px; box-shadow: 0 8px 24px rgba(0,0,0,.2); padding: 10px 12px; }
.review .head { display: flex; justify-content: space-between; align-items: center; }
.review h2 { font-size: 15px; margin: 0; }
.review h3 { font-size: 13px; margin: 8px 0 4px; }
.review .score { color: #495057; margin: 4px 0 6px; }
.review button.all { margin-bottom: 8px; }
.review .findings { list-style: none; margin: 0; padding: 0; }
.review .row { display: flex; flex-direction: column; gap: 4px; padding: 6px; border-radius: 6px; border-bottom: 1px solid #f1f3f5; }
.review .row[aria-selected="true"] { background: #f1f3f5; }
.review .row:focus-visible, .review button:focus-visible { outline: 2px solid #1c7ed6; outline-offset: 1px; }
.review .row-head { display: flex; justify-content: space-between; align-items: center; }
.review button.quiet { border: none; padding: 0 4px; color: #495057; font-size: 12px; }
.review .flagged { font-style: italic; }
.review .message { margin: 2px 0 4px; }
.review .fixes { margin-bottom: 0; }
.review .empty { color: #868e96; }
.review .close { border: none; color: #495057; }
.review .diff { white-space: pre-wrap; border: 1px solid #dee2e6; border-radius: 6px; padding: 6px 8px; margin-bottom: 8px; }
.review ins { background: #d3f9d8; text-decoration: none; }
.review del { background: #ffe3e3; color: #862e2e; }
.toast { position: fixed; z-index: 3; pointer-events: auto; bottom: 16px; left: 50%; transform: translateX(-50%);
  display: flex; gap: 12px; align-items: center; background: #212529; color: #fff; border-radius: 8px; padding: 8px 12px;
  font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; box-shadow: 0 8px 24px rgba(0,0,0,.2); }
.toast button.undo { border: none; background: none; color: #74c0fc; font-weight: 600; padding: 0; }
.tag { display: inline-flex; align-items: center; gap: 6px; font-weight: 600; font-size: 12px;
  text-transform: uppercase; letter-spacing: .03em; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
.message { margin: 6px 0 10px; }
.preview { margin: 4px 0 8px; color: #495057; font-style: italic; }
.fixes { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 10px; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid #ced4da; background: #fff;
  padding: 4px 10px; color: inherit; }
button:hover { background: #f1f3f5; }
button.fix { border-color: #2f9e44; background: #ebfbee; color: #1b5e20; font-weight: 500; text-align: left; }
button.fix:hover { background: #d3f9d8; }
.actions { display: flex; gap: 8px; border-top: 1px solid #f1f3f5; padding-top: 8px; }
.actions button { border: none; padding: 2px 4px; color: #495057; font-size: 12px; }
.bar { position: fixed; top: 0; left: 0; }
.pill { position: fixed; pointer-events: auto; white-space: nowrap; display: inline-flex; align-items: center; gap: 6px; border-radius: 999px; padding: 3px 10px;
  background: #fff; border: 1px solid #dee2e6; box-shadow: 0 2px 8px rgba(0,0,0,.12); font-size: 12px; font-weight: 600; }
.pill.offline { color: #868e96; font-weight: 400; }
.pill.clean { color: #2f9e44; }
.pill.found .dot { color: #d93025; }
.pill.busy .dot { animation: pulse 1s infinite; }
@keyframes pulse { 50% { opacity: .3; } }
.panel { position: fixed; pointer-events: auto; box-sizing: border-box; width: 320px; overflow: auto;
  display: grid; column-gap: 14px; align-content: start; background: #fff; border: 1px solid #dee2e6;
  border-radius: 10px; box-shadow: 0 8px 24px rgba(0,0,0,.16); padding: 8px 10px; }
.panel.wide { grid-template-columns: 1fr 1fr; }
.panel.wide > :not(.item) { grid-column: 1 / -1; }
.panel.wide .reasons { columns: 2; column-gap: 24px; }
.item { padding: 5px 0; border-bottom: 1px solid #f1f3f5; }
.item .head { display: flex; justify-content: space-between; align-items: center; gap: 8px; }
.bar.away { visibility: hidden; }
.item .tag { font-size: 11px; }
.item .why { font-size: 12px; color: #343a40; }
.item .preview { margin: 2px 0 0; font-size: 12px; }
.item button.fix { padding: 1px 8px; font-size: 12px; }
.empty { color: #868e96; padding: 4px 0; }
.panel .review-open { margin-top: 6px; width: 100%; }
.unchecked { color: #9c6500; padding: 4px 0 6px; border-bottom: 1px solid #f1f3f5; }
.pill.unchecked-grammar .dot { outline: 1px dashed #9c6500; outline-offset: 1px; border-radius: 50%; }
.reading { padding: 4px 0 6px; border-bottom: 1px solid #f1f3f5; }
.reading.upset .tag { color: #c92a2a; }
.reading.calm .tag { color: #495057; }
.reasons { margin: 4px 0 0; padding-left: 18px; color: #495057; font-size: 12px; }
`;

/** Applies `css` to a shadow root without an inline <style> when the browser allows it. */
export function adoptCss(root, css) {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = root.ownerDocument.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
