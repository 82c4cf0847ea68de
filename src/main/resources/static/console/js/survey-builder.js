// The survey builder: structure buttons redraw the form from the server without losing unsaved fields, and the
// preview the server answers (the unsaved survey as a SurveyForm) is drawn by the widget's own script.
(function () {
    'use strict';

    function builder() {
        return document.getElementById('builder');
    }

    // Without htmx the buttons submit the form and the server draws the whole page again, which works too.
    function restructure(op) {
        const form = builder();
        htmx.ajax('POST', form.getAttribute('action'), {
            source: form, values: { op: op }, target: '#builder', select: '#builder', swap: 'outerHTML'
        });
    }

    document.addEventListener('click', function (event) {
        const button = event.target.closest('#builder button.op');
        if (button && window.htmx) {
            event.preventDefault();
            restructure(button.value);
        }
    });

    document.addEventListener('change', function (event) {
        if (event.target.closest('#builder .restructure') && window.htmx) {
            restructure('refresh');
        }
    });

    // Problems of the unsaved survey go next to the fields they name; those without a place on the form are listed.
    function showErrors(errors, result) {
        document.querySelectorAll('#builder .field-error').forEach(function (slot) {
            slot.textContent = '';
            slot.hidden = true;
        });
        const unplaced = [];
        errors.forEach(function (error) {
            const slot = document.querySelector('#builder .field-error[data-field="' + CSS.escape(error.field) + '"]');
            if (slot) {
                slot.textContent = error.detail;
                slot.hidden = false;
            } else {
                unplaced.push(error);
            }
        });
        const problems = result.querySelector('#preview-problems');
        if (problems && unplaced.length > 0) {
            const list = document.createElement('ul');
            unplaced.forEach(function (error) {
                const item = document.createElement('li');
                item.textContent = error.field + ': ' + error.detail;
                list.appendChild(item);
            });
            problems.appendChild(list);
        }
    }

    function draw() {
        const result = document.getElementById('preview-result');
        const stage = document.getElementById('preview-stage');
        if (!result || !stage || !result.hasAttribute('data-errors') || result.dataset.drawn) {
            return;
        }
        result.dataset.drawn = 'true';
        const form = result.getAttribute('data-form');
        if (form && window.RapportSurvey) {
            RapportSurvey.preview(JSON.parse(form), stage, document.getElementById('previewScore').value);
            stage.classList.remove('stale');
            stage.dataset.drawn = String(Number(stage.dataset.drawn || 0) + 1);
        } else {
            stage.classList.add('stale');
        }
        showErrors(JSON.parse(result.getAttribute('data-errors') || '[]'), result);
    }

    document.addEventListener('htmx:afterSettle', draw);
}());
