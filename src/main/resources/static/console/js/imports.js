// The upload form of the imports page, sent by htmx (hx-boost): the CSRF token goes in a header, a file over the
// upload limit is refused before it is sent (the server could refuse it only after receiving it), the upload
// shows its progress, and the example mapping can be copied into the text area.
(function () {
    'use strict';

    const form = document.getElementById('import-form');
    const input = document.getElementById('file');
    const error = document.getElementById('form-error');
    const state = document.getElementById('upload-state');

    function tooLarge(file) {
        return file !== undefined && file.size > Number(form.dataset.maxBytes);
    }

    function refuse(message) {
        error.textContent = message;
        error.hidden = false;
        input.classList.add('invalid');
    }

    input.addEventListener('change', function () {
        input.classList.remove('invalid');
        error.hidden = true;
        if (tooLarge(input.files[0])) {
            refuse(form.dataset.tooLarge);
        }
    });

    form.addEventListener('htmx:configRequest', function (event) {
        event.detail.headers[form.dataset.csrfHeader] = form.dataset.csrfToken;
    });

    form.addEventListener('htmx:beforeRequest', function (event) {
        if (tooLarge(input.files[0])) {
            event.preventDefault();
            refuse(form.dataset.tooLarge);
        }
    });

    form.addEventListener('htmx:beforeSend', function (event) {
        const file = input.files[0];
        const fill = state.querySelector('.meter-fill');
        const text = state.querySelector('.hint');
        form.querySelector('button[type=submit]').disabled = true;
        state.hidden = false;
        text.textContent = 'Uploading “' + file.name + '” (' + size(file.size) + ')…';
        event.detail.xhr.upload.addEventListener('progress', function (progress) {
            if (progress.lengthComputable) {
                const percent = Math.floor(100 * progress.loaded / progress.total);
                fill.style.width = percent + '%';
                text.textContent = 'Uploading “' + file.name + '”: ' + size(progress.loaded) + ' of '
                    + size(progress.total) + ' (' + percent + '%). The import starts when the upload is done.';
            }
        });
    });

    // A refused upload comes back as the page with the reason; anything else (a lost connection, a server error)
    // would leave the form waiting, so it says so and can be sent again.
    form.addEventListener('htmx:afterRequest', function (event) {
        if (!event.detail.successful) {
            const status = event.detail.xhr.status;
            state.hidden = true;
            form.querySelector('button[type=submit]').disabled = false;
            refuse(status === 0 ? 'The connection to Rapport was lost during the upload. Try again.'
                : 'Rapport could not take the upload (HTTP ' + status + '). Try again, and if it keeps happening '
                    + 'tell your administrator the time it happened.');
        }
    });

    document.querySelectorAll('button[data-fill]').forEach(function (button) {
        button.addEventListener('click', function () {
            const target = document.querySelector(button.dataset.fill);
            target.value = document.querySelector(button.dataset.from).textContent;
            target.focus();
        });
    });

    function size(bytes) {
        const units = ['bytes', 'KB', 'MB', 'GB'];
        let value = bytes;
        let unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (unit === 0 || value >= 10 ? Math.round(value) : value.toFixed(1)) + ' ' + units[unit];
    }
})();
