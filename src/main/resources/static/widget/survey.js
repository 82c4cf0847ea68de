/*! Rapport survey widget. Load it next to analytics.js:
 *  <script src="https://rapport.example/widget/survey.js" data-write-key="WRITE_KEY" async></script>
 *  Options (data-*): write-key (required), locale (default: the browser's), user-id (when analytics.js is absent).
 *  The one global is RapportSurvey: RapportSurvey.check() asks again (single-page shops call it after navigating),
 *  RapportSurvey.close() closes the survey; RapportSurvey.preview(form, element, score) draws every step a shopper
 *  with that score would see into element, sending nothing (the console's live preview).
 *  See docs/surveys.md, "Web widget". */
(function (w, d) {
  'use strict';
  if (w.RapportSurvey) return;
  var script = d.currentScript || d.querySelector('script[data-write-key][src*="/widget/survey.js"]');
  if (!script) return;
  var base = script.src.replace(/\/widget\/survey\.js.*$/, '');
  var writeKey = script.getAttribute('data-write-key');
  var started = Date.now();
  var UI = {
    en: ['Close', 'Send', 'Skip', 'Thank you for your feedback!', 'Survey', 'Next'],
    de: ['Schließen', 'Senden', 'Überspringen', 'Vielen Dank für Ihr Feedback!', 'Umfrage', 'Weiter'],
    es: ['Cerrar', 'Enviar', 'Omitir', '¡Gracias por tu opinión!', 'Encuesta', 'Siguiente'],
    fr: ['Fermer', 'Envoyer', 'Passer', 'Merci pour votre avis !', 'Enquête', 'Suivant'],
    pt: ['Fechar', 'Enviar', 'Pular', 'Obrigado pela sua opinião!', 'Pesquisa', 'Próxima'],
    id: ['Tutup', 'Kirim', 'Lewati', 'Terima kasih atas masukan Anda!', 'Survei', 'Berikutnya'],
    ar: ['إغلاق', 'إرسال', 'تخطي', 'شكرًا لملاحظاتك!', 'استطلاع', 'التالي']
  };
  var host, root, box, lastFocus, token, form, score, answers, queue, steps, t, previewIn;

  function stored(name) {
    var v = null;
    try { v = w.localStorage.getItem(name); } catch (e) { /* storage blocked */ }
    if (v == null) {
      var m = d.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
      v = m && decodeURIComponent(m[1]);
    }
    if (v == null || v === '' || v === 'null') return null;
    try { v = JSON.parse(v); } catch (e) { /* a plain string */ }
    return v == null ? null : String(v);
  }

  function identity(done) {
    var a = w.analytics, finished = false;
    function fromStorage() {
      if (finished) return;
      finished = true;
      var anon = stored('ajs_anonymous_id') || stored('rapport_anonymous_id');
      if (!anon) {
        anon = 'rs-' + (w.crypto && crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random());
        try { w.localStorage.setItem('rapport_anonymous_id', anon); } catch (e) { /* storage blocked */ }
      }
      done(anon, stored('ajs_user_id') || script.getAttribute('data-user-id'));
    }
    function use(u) {
      if (finished) return;
      finished = true;
      done(u.anonymousId() || stored('rapport_anonymous_id'), u.id() || script.getAttribute('data-user-id'));
    }
    if (a && typeof a.ready === 'function') {
      a.ready(function () {
        if (finished) return;
        try {
          // The loaded analytics.js answers the user at once; AnalyticsBrowser.load()'s buffer answers a promise.
          var u = w.analytics.user();
          if (u && typeof u.then === 'function') u.then(use, fromStorage); else use(u);
        } catch (e) { fromStorage(); }
      });
      setTimeout(fromStorage, 3000);
    } else {
      fromStorage();
    }
  }

  function post(path, body, cb) {
    body.writeKey = writeKey;
    fetch(base + path, {
      method: 'POST', credentials: 'omit', keepalive: true,
      headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)
    }).then(function (r) {
      return r.status === 200 ? r.json() : null;
    }).then(function (json) { if (cb) cb(json); }, function () { if (cb) cb(null); });
  }

  function check() {
    if (!writeKey || host) return;
    identity(function (anonymousId, userId) {
      post('/public/surveys/offer', {
        anonymousId: anonymousId, userId: userId, url: location.href,
        locale: script.getAttribute('data-locale') || navigator.language
      }, function (offer) {
        if (!offer || !offer.form) return;
        var wait = Math.max(0, offer.form.appearance.delaySeconds * 1000 - (Date.now() - started));
        t = setTimeout(function () { show(offer); }, wait);
      });
    });
  }

  function el(tag, attrs, text) {
    var e = d.createElement(tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }

  function ui(i) {
    return (UI[form.language.split('-')[0]] || UI.en)[i];
  }

  function css(a) {
    var pos = previewIn ? 'position:relative;margin:0 0 14px' : 'position:fixed;' + (a.position === 'center'
      ? 'left:50%;top:50%;transform:translate(-50%,-50%)'
      : 'bottom:20px;' + (a.position === 'bottom-left' ? 'left' : 'right') + ':20px');
    return ':host{all:initial' + (previewIn ? ';display:block}' : '}') +
      '.box{' + pos + ';z-index:2147483000;box-sizing:border-box;width:min(440px,calc(100vw - 24px));' +
      'background:' + a.backgroundColor + ';color:' + a.textColor + ';border-radius:14px;padding:22px 22px 18px;' +
      'border-top:4px solid ' + a.primaryColor + ';' +
      'box-shadow:0 12px 40px rgba(15,23,42,.22),0 2px 8px rgba(15,23,42,.12);' +
      'font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;animation:in .25s ease-out}' +
      '@keyframes in{from{opacity:0;translate:0 12px}}' +
      '@media (prefers-reduced-motion:reduce){.box{animation:none}}' +
      'h2{font-size:16px;font-weight:600;margin:0 28px 14px 0;outline:none}' +
      '[dir=rtl] h2{margin:0 0 14px 28px}' +
      '.x{position:absolute;top:10px;inset-inline-end:10px;width:30px;height:30px;border:0;border-radius:8px;' +
      'background:transparent;color:inherit;font-size:20px;line-height:1;cursor:pointer;opacity:.7}' +
      '.x:hover{opacity:1;background:rgba(127,127,127,.15)}' +
      '.scale{display:flex;gap:4px}' +
      '.scale button{flex:1;min-width:0;height:38px;border:1px solid rgba(127,127,127,.35);border-radius:8px;' +
      'background:transparent;color:inherit;font:inherit;font-weight:600;cursor:pointer;padding:0}' +
      '.scale button:hover,.scale .on{background:' + a.primaryColor + ';color:#fff;' +
      'border-color:' + a.primaryColor + '}' +
      '.ends{display:flex;justify-content:space-between;gap:12px;font-size:12px;opacity:.75;margin-top:6px}' +
      'textarea{box-sizing:border-box;width:100%;min-height:84px;border:1px solid rgba(127,127,127,.45);' +
      'border-radius:8px;padding:8px 10px;font:inherit;color:inherit;background:transparent;resize:vertical}' +
      'label.o{display:flex;gap:8px;align-items:center;padding:4px 0;cursor:pointer}' +
      '.row{display:flex;justify-content:flex-end;gap:8px;margin-top:12px}' +
      '.row button{border-radius:8px;padding:8px 16px;font:inherit;font-weight:600;cursor:pointer;' +
      'border:1px solid ' + a.primaryColor + '}' +
      '.go{background:' + a.primaryColor + ';color:#fff}.skip{background:transparent;color:inherit;border-color:transparent!important}' +
      'button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid ' + a.primaryColor +
      ';outline-offset:2px}' + (previewIn ? '.box{width:auto}' : '');
  }

  function show(offer) {
    token = offer.token;
    form = offer.form;
    score = null;
    answers = {};
    lastFocus = d.activeElement;
    host = el('div', {id: 'rapport-survey'});
    root = host.attachShadow ? host.attachShadow({mode: 'open'}) : host;
    root.appendChild(el('style', {}, css(form.appearance)));
    box = el('div', {'class': 'box', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'rs-q',
      lang: form.language, dir: dir()});
    box.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); close(); }
    });
    root.appendChild(box);
    d.body.appendChild(host);
    queue = form.questions.slice();
    steps = 0;
    next();
  }

  function frame(title) {
    if (previewIn) {
      box = el('div', {'class': 'box', lang: form.language, dir: dir()});
      root.appendChild(box);
    }
    box.textContent = '';
    var x = el('button', {'class': 'x', type: 'button', 'aria-label': ui(0)}, '×');
    x.addEventListener('click', close);
    box.appendChild(x);
    var h = el('h2', {id: 'rs-q', tabindex: '-1'}, title);
    box.appendChild(h);
    return h;
  }

  function dir() {
    return /^(ar|he|fa|ur)\b/.test(form.language) ? 'rtl' : 'ltr';
  }

  function shown(q) {
    return !q.showWhen || score != null && score >= q.showWhen.min && score <= q.showWhen.max;
  }

  function textFor(q) {
    var v = q.variants || [];
    for (var i = 0; i < v.length; i++) {
      if (score != null && score >= v[i].scores.min && score <= v[i].scores.max) return v[i].text;
    }
    return q.text;
  }

  function next() {
    var q;
    while ((q = queue.shift()) && !shown(q)) { /* not shown for this score */ }
    if (!q) return thanks();
    var h = frame(textFor(q)), first;
    if (previewIn) h.removeAttribute('id');
    if (q.kind === 'score' || q.kind === 'rating') {
      var group = el('div', {'class': 'scale', role: 'group', 'aria-labelledby': 'rs-q'});
      for (var n = q.scale.min; n <= q.scale.max; n++) {
        var b = el('button', {type: 'button', 'class': previewIn && n === score ? 'on' : ''}, String(n));
        if (n === q.scale.min && q.lowLabel) b.setAttribute('aria-label', n + ' – ' + q.lowLabel);
        if (n === q.scale.max && q.highLabel) b.setAttribute('aria-label', n + ' – ' + q.highLabel);
        b.addEventListener('click', pick(q, n));
        b.addEventListener('keydown', arrows);
        group.appendChild(b);
        first = first || b;
      }
      box.appendChild(group);
      if (q.lowLabel || q.highLabel) {
        var ends = el('div', {'class': 'ends', 'aria-hidden': 'true'});
        ends.appendChild(el('span', {}, q.lowLabel || ''));
        ends.appendChild(el('span', {}, q.highLabel || ''));
        box.appendChild(ends);
      }
    } else {
      var field, read;
      if (q.kind === 'single_choice' || q.kind === 'multiple_choice') {
        field = el('div', {role: q.kind === 'single_choice' ? 'radiogroup' : 'group', 'aria-labelledby': 'rs-q'});
        q.options.forEach(function (o) {
          var l = el('label', {'class': 'o'});
          l.appendChild(el('input', {type: q.kind === 'single_choice' ? 'radio' : 'checkbox', name: 'rs-' + q.id,
            value: o.id}));
          l.appendChild(d.createTextNode(o.label));
          field.appendChild(l);
        });
        read = function () {
          var v = [].map.call(field.querySelectorAll('input:checked'), function (i) { return i.value; });
          return q.kind === 'single_choice' ? (v[0] || null) : (v.length ? v : null);
        };
      } else {
        field = el('textarea', {'aria-labelledby': 'rs-q', maxlength: '5000'});
        read = function () { return field.value.trim() || null; };
      }
      box.appendChild(field);
      var row = el('div', {'class': 'row'});
      var skip = el('button', {type: 'button', 'class': 'skip'}, ui(2));
      var go = el('button', {type: 'button', 'class': 'go'}, ui(queue.some(shown) ? 5 : 1));
      if (!previewIn) skip.addEventListener('click', next);
      if (!previewIn) go.addEventListener('click', function () {
        var v = read();
        if (v != null) { answers = {}; answers[q.id] = v; send(false); }
        next();
      });
      row.appendChild(skip);
      row.appendChild(go);
      box.appendChild(row);
      first = field.querySelector ? (field.querySelector('input') || field) : field;
    }
    // The first step's question takes focus so it is read out; later steps go straight to their answer.
    if (previewIn) next(); else (steps++ && first ? first : h).focus();
  }

  function arrows(e) {
    var step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[e.key];
    if (!step) return;
    if (box.getAttribute('dir') === 'rtl' && /Left|Right/.test(e.key)) step = -step;
    var to = step > 0 ? e.target.nextElementSibling : e.target.previousElementSibling;
    if (to) { e.preventDefault(); to.focus(); }
  }

  function pick(q, n) {
    return function () {
      if (previewIn) return preview(form, previewIn, q.kind === 'score' ? n : score);
      if (q.kind === 'score') score = n;
      answers = {};
      answers[q.id] = n;
      send(false);
      next();
    };
  }

  function send(done) {
    post('/public/surveys/responses/' + token, {answers: answers, locale: form.language, done: done});
  }

  function thanks() {
    if (previewIn) return frame(ui(3));
    answers = {};
    send(true);
    frame(ui(3)).focus();
    t = setTimeout(close, 4000);
  }

  function close() {
    clearTimeout(t);
    if (!host) return;
    host.remove();
    host = null;
    if (lastFocus && lastFocus.focus) lastFocus.focus();
  }

  // Every step for the score (or none yet), one below the other; choosing a score in it draws it again.
  function preview(f, element, s) {
    previewIn = element;
    form = f;
    score = s == null || s === '' ? null : +s;
    root = element.shadowRoot || element.attachShadow({mode: 'open'});
    root.textContent = '';
    root.appendChild(el('style', {}, css(f.appearance)));
    queue = f.questions.slice();
    next();
  }

  w.RapportSurvey = {check: check, close: close, preview: preview};
  check();
})(window, document);
