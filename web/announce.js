// Live preview for the announcement form (公告): a moment after typing stops, the body is sent to
// /announcements/preview (with the form's CSRF token) and the server's rendering — cmark with
// safe options, the same as the public page — replaces the preview. Without JavaScript the
// 预览 button does the same with a whole page. No inline script: the page's CSP forbids it.
(function () {
  'use strict';
  var form = document.querySelector('form.announcement');
  var out = document.getElementById('preview');
  if (!form || !out || !window.fetch) return;
  var body = form.querySelector('textarea[name=body_md]');
  var timer = null;
  var asked = 0;

  function refresh() {
    var data = new URLSearchParams();
    data.set('csrf', form.querySelector('input[name=csrf]').value);
    data.set('body_md', body.value);
    data.set('fragment', '1');
    var mine = ++asked;
    fetch('/announcements/preview', { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { if (mine === asked) out.innerHTML = html; })
      .catch(function () { /* the 预览 button still works */ });
  }

  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
