// Small behaviours of the console pages: copy buttons, confirmations, the debugger's expandable rows and
// its pause switch. Everything else is plain HTML and htmx.
(function () {
    'use strict';

    function copyText(text) {
        if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
        }
        // Plain http outside localhost has no clipboard API; a selected textarea still copies.
        const area = document.createElement('textarea');
        area.value = text;
        area.setAttribute('readonly', '');
        area.style.position = 'fixed';
        area.style.opacity = '0';
        document.body.appendChild(area);
        area.select();
        try {
            document.execCommand('copy');
        } finally {
            area.remove();
        }
        return Promise.resolve();
    }

    document.addEventListener('click', function (event) {
        const button = event.target.closest('button[data-copy]');
        if (button) {
            const source = document.querySelector(button.dataset.copy);
            if (source) {
                copyText(source.textContent.trim()).then(function () {
                    button.textContent = 'Copied';
                    button.classList.add('copied');
                    setTimeout(function () {
                        button.textContent = 'Copy';
                        button.classList.remove('copied');
                    }, 1500);
                });
            }
            return;
        }
        const row = event.target.closest('.event-row');
        if (row && !event.target.closest('a, button') && !window.getSelection().toString()) {
            toggle(row.closest('tbody.event'));
        }
    });

    document.addEventListener('keydown', function (event) {
        const row = event.target.closest && event.target.closest('.event-row');
        if (row && (event.key === 'Enter' || event.key === ' ')) {
            event.preventDefault();
            toggle(row.closest('tbody.event'));
        }
    });

    document.addEventListener('submit', function (event) {
        const message = event.target.dataset && event.target.dataset.confirm;
        if (message && !window.confirm(message)) {
            event.preventDefault();
        }
    });

    // Rows the reader opened stay open when the list refreshes.
    const open = new Set();

    function toggle(group) {
        if (!group) {
            return;
        }
        const key = group.dataset.seq;
        if (open.has(key)) {
            open.delete(key);
        } else {
            open.add(key);
        }
        show(group, open.has(key));
    }

    function show(group, visible) {
        group.classList.toggle('open', visible);
        group.querySelector('.payload-row').hidden = !visible;
        group.querySelector('.event-row').setAttribute('aria-expanded', String(visible));
    }

    // A refresh after the session ended lands on the sign-in page: show it whole, not inside the list.
    document.addEventListener('htmx:beforeSwap', function (event) {
        const url = event.detail.xhr && event.detail.xhr.responseURL;
        if (url && url.indexOf('/console/login') >= 0) {
            event.detail.shouldSwap = false;
            window.location.assign(url);
        }
    });

    document.addEventListener('htmx:afterSwap', function () {
        document.querySelectorAll('tbody.event').forEach(function (group) {
            if (open.has(group.dataset.seq)) {
                show(group, true);
            }
        });
    });

    // A list with older pages appended (marked .paged by the server) no longer refreshes: a refresh would
    // replace it with the newest page and lose the rows the reader asked for. After settling, not swapping:
    // htmx gives a swapped element its new classes only when it settles.
    document.addEventListener('htmx:afterSettle', describeLive);

    function describeLive() {
        if (!document.getElementById('live-toggle')) {
            return;
        }
        const state = document.querySelector('.live-state');
        const paged = document.querySelector('.paged') !== null;
        document.body.classList.toggle('paged', paged);
        if (state) {
            state.textContent = paged ? 'Not refreshing while older events are shown'
                : window.rapportLive ? 'Live — refreshes every 2 seconds' : 'Paused';
        }
    }

    window.rapportLive = true;
    document.addEventListener('DOMContentLoaded', function () {
        const toggleButton = document.getElementById('live-toggle');
        if (!toggleButton) {
            return;
        }
        toggleButton.addEventListener('click', function () {
            window.rapportLive = !window.rapportLive;
            toggleButton.textContent = window.rapportLive ? 'Pause' : 'Resume';
            toggleButton.setAttribute('aria-pressed', String(!window.rapportLive));
            document.body.classList.toggle('paused', !window.rapportLive);
            describeLive();
        });
    });
})();
