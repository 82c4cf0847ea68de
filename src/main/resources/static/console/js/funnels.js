// Funnel charts: one bar per step with its persons and conversion from the first step, the persons who stopped
// before it stacked above in a lighter colour. A click on a step's bar lists who reached it but not the next (htmx).
(function () {
    'use strict';
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };

    function draw(element) {
        if (!window.echarts || element.getAttribute('data-drawn') === 'true') {
            return;
        }
        const data = JSON.parse(element.getAttribute('data-funnel'));
        const first = data.persons.length ? data.persons[0] : 0;
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            textStyle: text,
            grid: { left: 56, right: 16, top: 32, bottom: 56 },
            tooltip: {
                trigger: 'axis',
                formatter: function (items) {
                    const i = items[0].dataIndex;
                    return data.labels[i] + '<br>' + data.persons[i] + ' persons'
                        + (data.fromFirst[i] === null ? '' : ', ' + data.fromFirst[i] + ' % of those who entered')
                        + (i === 0 || data.fromPrevious[i] === null ? '' : '<br>' + data.fromPrevious[i]
                            + ' % of the previous step');
                }
            },
            xAxis: { type: 'category', data: data.labels, axisLabel: { interval: 0, width: 140, overflow: 'truncate' } },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: [
                { name: 'persons', type: 'bar', stack: 'funnel', data: data.persons, color: '#2f6f8f',
                  label: { show: true, position: 'insideTop', color: '#fff', formatter: function (p) {
                      return p.value + (data.fromFirst[p.dataIndex] === null ? '' : ' \u00b7 ' + data.fromFirst[p.dataIndex] + ' %');
                  } } },
                { name: 'stopped before', type: 'bar', stack: 'funnel', color: 'rgba(47, 111, 143, 0.18)',
                  data: data.persons.map(function (n) { return first - n; }) }
            ]
        });
        const dropOff = element.getAttribute('data-dropoff');
        if (dropOff) {
            chart.on('click', function (params) {
                const target = document.getElementById('funnel-drill');
                // The last step has nobody to drop off to; the others list who did not reach the next one.
                if (params.dataIndex < data.labels.length - 1 && target && window.htmx) {
                    htmx.ajax('GET', dropOff + (dropOff.indexOf('?') < 0 ? '?' : '&') + 'step=' + (params.dataIndex + 1),
                        { target: target, swap: 'innerHTML' });
                }
            });
        }
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    }

    function drawAll() {
        document.querySelectorAll('[data-funnel]').forEach(draw);
    }

    drawAll();
    // The builder's preview arrives through htmx.
    document.body.addEventListener('htmx:afterSwap', drawAll);
})();
