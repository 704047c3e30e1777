/** The console's only stylesheet, inline and allowed by its hash in the CSP (no external files). */
export const CONSOLE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fafafa}
a{color:#0b4f9c}
a:focus,button:focus,input:focus,input:focus-within,select:focus,textarea:focus{outline:3px solid #1a1a1a;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
header{background:#0b3d6e;color:#fff;padding:8px 16px;display:flex;flex-wrap:wrap;gap:16px;align-items:center;justify-content:space-between}
header a{color:#fff}
header a:focus,header button:focus,.skip:focus{outline-color:#f59e0b}
header form{display:inline}
main{max-width:1100px;margin:0 auto;padding:16px}
table{border-collapse:collapse;width:100%;background:#fff}
.tabela{overflow-x:auto;max-width:100%;margin:8px 0}
.tabela:focus{outline:3px solid #1a1a1a;outline-offset:2px}
th,td{border:1px solid #ccc;padding:6px 8px;text-align:left;vertical-align:top}
td:first-child{white-space:nowrap}
caption{text-align:left;font-weight:600;padding:4px 0}
fieldset{border:1px solid #bbb;margin:0 0 12px;padding:8px 12px;background:#fff}
label{display:block;font-weight:600;margin-top:8px}
input,select,textarea{font:inherit;padding:4px 6px;border:1px solid #666;border-radius:3px;max-width:100%}
textarea{width:100%;min-height:6em}
input[type=checkbox],input[type=radio]{width:24px;height:24px;margin:0 6px 0 0;vertical-align:middle}
button{font:inherit;padding:6px 14px;margin-top:8px;border:1px solid #0b3d6e;background:#0b4f9c;color:#fff;border-radius:3px;cursor:pointer}
button.secondary{background:#fff;color:#0b3d6e}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end}.filters>*{min-width:0;max-width:100%}
.notice{border-left:4px solid #15803d;background:#ecfdf3;padding:8px 12px}
.problem{border-left:4px solid #b91c1c;background:#fef2f2;padding:8px 12px}
.overdue{color:#b91c1c;font-weight:600}
pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ddd;padding:8px;font:14px/1.4 ui-monospace,monospace}
article{background:#fff;border:1px solid #ddd;padding:8px 12px;margin:8px 0}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:4px 16px}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
@media (max-width:600px){dl{grid-template-columns:minmax(0,1fr);gap:0}dd{margin-bottom:8px}}
`;
