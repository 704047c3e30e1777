import { FORM_LIMITS } from './form';

/**
 * Progressive enhancement only (the form works without it): focus the error summary, count the
 * description's characters (announced after a pause, not on every key), and stop a second submit
 * while the first is on its way (the server also deduplicates it).
 */
export const APP_JS = `(function () {
  'use strict';
  var form = document.getElementById('form-ouvidoria');
  if (!form) return;
  var summary = document.getElementById('resumo-erros');
  if (summary) summary.focus();
  var desc = document.getElementById('descricao');
  var visible = document.getElementById('descricao-contador');
  var live = document.getElementById('descricao-contador-aviso');
  if (desc && visible && live) {
    var max = Number(desc.getAttribute('maxlength')) || ${FORM_LIMITS.descricaoMax};
    var timer = null;
    var text = function () {
      var left = max - desc.value.length;
      return left >= 0 ? 'Restam ' + left + ' de ' + max + ' caracteres.' : 'Você passou ' + (-left) + ' caracteres do limite.';
    };
    var update = function () {
      visible.textContent = text();
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = text(); }, 1500);
    };
    visible.hidden = false;
    visible.textContent = text();
    desc.addEventListener('input', update);
  }
  var sending = false;
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
    if (button) { button.setAttribute('aria-disabled', 'true'); button.textContent = 'Enviando…'; }
  });
  window.addEventListener('pageshow', function () {
    sending = false;
    if (button) { button.removeAttribute('aria-disabled'); button.textContent = 'Enviar para a Ouvidoria'; }
  });
})();
`;
