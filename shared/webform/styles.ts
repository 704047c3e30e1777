/** The page's one stylesheet, served in a <style> block allowed by its hash (see csp.ts). */
/** Contrast: text #1a1a1a and links #0b4fb3 on white (> 7:1), errors #a4000f (> 7:1). */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#1a1a1a;background:#ffffff}
body{margin:0}
.pular{position:absolute;left:-10000px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#1a1a1a}
.pular:focus{left:0}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #0b4fb3}
header p{margin:0;font-weight:700;font-size:1.25rem}
h1{font-size:2rem;line-height:1.2;margin:1rem 0}
h2{font-size:1.375rem;margin:2rem 0 .75rem}
a{color:#0b4fb3;text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:3px}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,[tabindex="-1"]:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #1a1a1a}
.campo{margin:0 0 1.5rem}
label,legend{display:block;font-weight:700;margin:0 0 .25rem}
.dica{display:block;color:#484848;margin:0 0 .35rem}
.opcional{font-weight:400}
input[type=text],input[type=email],select,textarea{display:block;width:100%;max-width:100%;font:inherit;padding:.5rem;border:2px solid #1a1a1a;border-radius:0;background:#ffffff;color:#1a1a1a}
textarea{min-height:12rem;resize:vertical}
fieldset{border:0;margin:0 0 1.5rem;padding:0}
legend{font-size:1.125rem}
.opcao{display:flex;gap:.6rem;align-items:flex-start;margin:.4rem 0}
.opcao input{width:1.5rem;height:1.5rem;margin:.1rem 0 0;flex:none}
.opcao label{font-weight:400;margin:0}
.campo-erro{border-left:5px solid #a4000f;padding-left:1rem}
.campo-erro input[type=text],.campo-erro input[type=email],.campo-erro select,.campo-erro textarea{border-width:3px;border-color:#a4000f}
.erro{display:block;color:#a4000f;font-weight:700;margin:0 0 .35rem}
.resumo-erros{border:5px solid #a4000f;padding:1rem;margin:0 0 2rem}
.resumo-erros h2{margin-top:0}
.resumo-erros a{color:#a4000f;font-weight:700}
.aviso{border-left:10px solid #0b4fb3;background:#eef3fb;padding:1rem;margin:1rem 0}
.protocolo{font-size:1.75rem;font-weight:700;letter-spacing:.03em;margin:.5rem 0}
button{font:inherit;font-weight:700;padding:.7rem 1.4rem;background:#00703c;color:#ffffff;border:2px solid #002d18;border-radius:0;cursor:pointer}
button[aria-disabled=true]{background:#484848}
.contador{color:#484848;margin:.35rem 0 0}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{border-top:1px solid #b1b4b6;margin-top:3rem;color:#484848}
.anexos{list-style:none;padding:0;margin:.5rem 0 0}
.anexos li{margin:.35rem 0}
.anexos progress{display:block;width:100%;max-width:20rem;height:1rem}
.erro-texto{color:#a4000f}
input[type=file]{font:inherit;max-width:100%}
.texto{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;background:#f3f3f3;border-left:4px solid #484848;padding:.75rem 1rem;margin:.5rem 0 1.5rem}
.mensagens{list-style:none;padding:0}
.mensagens>li{margin:0 0 1rem}
.arquivos{overflow-wrap:anywhere;margin:0 0 1.5rem}
dl.dados{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.dados dt{font-weight:700}
dl.dados dd{margin:0}
@media (forced-colors:active){.campo-erro{border-left-color:CanvasText}button{border-color:ButtonText}}
`;
