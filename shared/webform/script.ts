import { FORM_LIMITS } from './form';

/**
 * Progressive enhancement only (the form works without it): focus the error summary, count the
 * description's characters (announced after a pause, not on every key), and stop a second submit
 * while the first is on its way (the server also deduplicates it); send attachments to the
 * uploads bucket with per-file progress.
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
      if (left === 1) return 'Resta 1 de ' + max + ' caracteres.';
      if (left === -1) return 'Você passou 1 caractere do limite.';
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
  // Attachments: straight to the bucket with presigned POST policies, one progress bar per file.
  // Without this script the files travel in the multipart form post instead.
  var files = document.getElementById('anexos');
  var pending = document.getElementById('anexosId');
  var list = document.getElementById('anexos-lista');
  var say = document.getElementById('anexos-aviso');
  var uploading = 0;
  var uploadFailed = false;
  var refused = '';
  var uploads = files && pending && list && say && window.FormData && window.XMLHttpRequest;
  var announce = function (message) { say.textContent = message; };
  var row = function (text) {
    var li = document.createElement('li');
    var label = document.createElement('span');
    label.textContent = text;
    li.appendChild(label);
    list.appendChild(li);
    list.hidden = false;
    return { li: li, label: label };
  };
  var sendFile = function (file, issued, left) {
    var r = row(issued.name + ': enviando…');
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute('aria-label', 'Envio de ' + issued.name);
    r.li.appendChild(bar);
    uploading++;
    var body = new FormData();
    Object.keys(issued.fields).forEach(function (k) { body.append(k, issued.fields[k]); });
    body.append('file', file);
    var xhr = new XMLHttpRequest();
    var done = function (ok) {
      uploading--;
      if (ok) { bar.value = 100; r.label.textContent = issued.name + ': enviado.'; }
      else { uploadFailed = true; r.label.textContent = issued.name + ': o envio falhou. Selecione os arquivos de novo.'; }
      if (uploading === 0) announce(uploadFailed ? 'O envio de um arquivo falhou.' : (left ? left + ' Os demais arquivos foram enviados: você já pode enviar o formulário.' : 'Arquivos enviados. Você já pode enviar o formulário.'));
    };
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) bar.value = Math.round((e.loaded * 100) / e.total);
    });
    xhr.addEventListener('load', function () { done(xhr.status >= 200 && xhr.status < 300); });
    xhr.addEventListener('error', function () { done(false); });
    xhr.open('POST', issued.url);
    xhr.send(body);
  };
  // Asks for the policies of chosen; a file the server refuses by name (data.file: its type or
  // size) is left out and the rest asked again, so one wrong file does not drop the others.
  var request = function (chosen, left) {
    var req = new XMLHttpRequest();
    req.open('POST', form.getAttribute('action').replace(/casos$/, 'anexos'));
    req.setRequestHeader('content-type', 'application/json');
    req.setRequestHeader('accept', 'application/json');
    req.addEventListener('load', function () {
      var data = {};
      try { data = JSON.parse(req.responseText); } catch (e) { data = {}; }
      if (req.status !== 200 || !data.files) {
        var name = typeof data.file === 'string' ? data.file : '';
        var failure = (name ? name + ': ' : '') + (data.message || 'Não foi possível enviar os arquivos.');
        row(failure);
        var at = -1;
        chosen.forEach(function (f, i) { if (at < 0 && name && f.name === name) at = i; });
        if (at >= 0 && req.status === 400) {
          left.push(name);
          var rest = chosen.filter(function (f, i) { return i !== at; });
          if (rest.length > 0) { request(rest, left); return; }
        }
        // Nothing left to send, or a refusal of the whole selection (too many, too large together):
        // the form would post the files itself, so she chooses again.
        uploadFailed = true;
        refused = left.join(', ');
        announce(failure);
        return;
      }
      refused = left.join(', ');
      var leftOut = left.length === 0 ? '' : refused + (left.length === 1 ? ' não foi aceito e não vai' : ' não foram aceitos e não vão') + ' com o formulário.';
      if (leftOut) announce(leftOut + ' Enviando os demais…');
      pending.value = data.pendingId;
      data.files.forEach(function (issued, i) { sendFile(chosen[i], issued, leftOut); });
    });
    req.addEventListener('error', function () { uploadFailed = true; announce('Não foi possível enviar os arquivos.'); });
    req.send(JSON.stringify({ files: chosen.map(function (f) { return { name: f.name, size: f.size, type: f.type }; }) }));
  };
  if (uploads) {
    files.addEventListener('change', function () {
      var chosen = Array.prototype.slice.call(files.files || []);
      pending.value = '';
      uploadFailed = false;
      refused = '';
      list.textContent = '';
      list.hidden = chosen.length === 0;
      if (chosen.length === 0) return;
      announce('Enviando ' + chosen.length + (chosen.length === 1 ? ' arquivo…' : ' arquivos…'));
      request(chosen, []);
    });
  }
  var sending = false;
  var button = form.querySelector('button[type=submit]');
  form.addEventListener('submit', function (event) {
    if (sending) { event.preventDefault(); return; }
    if (uploads && (uploading > 0 || uploadFailed)) {
      event.preventDefault();
      announce(uploading > 0 ? 'Aguarde o fim do envio dos arquivos.' : refused ? refused + ' não foi aceito: selecione os arquivos de novo sem ele ou remova-os.' : 'O envio de um arquivo falhou: selecione os arquivos de novo ou remova-os.');
      files.focus();
      return;
    }
    // The files are already in the bucket: the post carries only their pending id.
    if (uploads && pending.value) files.disabled = true;
    sending = true;
    if (button) { button.setAttribute('aria-disabled', 'true'); button.textContent = 'Enviando…'; }
  });
  window.addEventListener('pageshow', function () {
    sending = false;
    if (files) files.disabled = false;
    if (button) { button.removeAttribute('aria-disabled'); button.textContent = 'Enviar para a Ouvidoria'; }
  });
})();
`;
