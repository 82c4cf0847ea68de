// The charts of the system page, redrawn from /console/system/charts every 10 seconds.
(function () {
    'use strict';

    const rateElement = document.getElementById('chart-rate');
    const hourlyElement = document.getElementById('chart-hourly');
    const hourlyEmpty = document.getElementById('chart-hourly-empty');
    const source = rateElement.dataset.src;
    const palette = ['#2f6f8f', '#5b3d8a', '#2f7d4f', '#c07a12', '#b3261e', '#3c8dbc', '#8e6c8a', '#6b8e23',
        '#d4a017', '#52606d'];
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };

    const rate = echarts.init(rateElement, null, { renderer: 'canvas' });
    const hourly = echarts.init(hourlyElement, null, { renderer: 'canvas' });
    window.addEventListener('resize', function () {
        rate.resize();
        hourly.resize();
    });

    function draw(data) {
        rate.setOption({
            color: palette,
            textStyle: text,
            grid: { left: 48, right: 16, top: 16, bottom: 32 },
            tooltip: { trigger: 'axis', valueFormatter: function (v) { return v + ' events'; } },
            xAxis: { type: 'category', data: data.minutes, axisTick: { alignWithLabel: true } },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: [{
                name: 'Stored', type: 'bar', data: data.storedPerMinute, barMaxWidth: 14,
                itemStyle: { borderRadius: [3, 3, 0, 0] }
            }]
        });

        const empty = data.hourly.length === 0;
        hourlyEmpty.hidden = !empty;
        hourlyElement.style.visibility = empty ? 'hidden' : 'visible';
        hourly.setOption({
            color: palette,
            textStyle: text,
            grid: { left: 48, right: 16, top: 48, bottom: 32 },
            legend: { type: 'scroll', top: 0, textStyle: text },
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            xAxis: { type: 'category', data: data.hours },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: data.hourly.map(function (s) {
                return { name: s.name, type: 'bar', stack: 'events', data: s.events, barMaxWidth: 28 };
            })
        }, { replaceMerge: ['series'] });
    }

    function refresh() {
        fetch(source, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error('HTTP ' + response.status);
                }
                return response.json();
            })
            .then(draw)
            .catch(function () { /* the next refresh tries again */ });
    }

    refresh();
    setInterval(refresh, 10000);
})();
