// Active users: DAU per day with the WAU of its week and the MAU of its month (lines), and the lifecycle per week or
// month as stacked bars (new, returning, resurrecting above zero, dormant below). A click on a point or a bar loads
// the persons behind it (htmx).
(function () {
    'use strict';
    if (!window.echarts) {
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };

    function drill(element, params) {
        const target = document.getElementById('insight-drill');
        const panel = element.closest('[data-channel]');
        params.channel = panel ? panel.getAttribute('data-channel') : '';
        const query = Object.keys(params).filter(function (k) { return params[k] !== null && params[k] !== ''; })
            .map(function (k) { return k + '=' + encodeURIComponent(params[k]); }).join('&');
        if (target && window.htmx) {
            htmx.ajax('GET', '/console/insight/active/persons?' + query, { target: target, swap: 'innerHTML' });
        }
    }

    document.querySelectorAll('[data-active]').forEach(function (element) {
        const data = JSON.parse(element.getAttribute('data-active'));
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            textStyle: text,
            grid: { left: 48, right: 16, top: 32, bottom: 32 },
            legend: { top: 0 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: data.days, boundaryGap: false },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: [
                { name: 'DAU', type: 'line', data: data.daily, symbolSize: 5, color: '#2f6f8f' },
                { name: 'WAU', type: 'line', step: 'start', data: data.weekly, symbol: 'none', color: '#c17d11' },
                { name: 'MAU', type: 'line', step: 'start', data: data.monthly, symbol: 'none', color: '#7b4f9d' }
            ]
        });
        chart.on('click', function (params) {
            const i = params.dataIndex;
            const grain = ['day', 'week', 'month'][params.seriesIndex];
            const period = [data.days, data.weeks, data.months][params.seriesIndex][i];
            drill(element, { grain: grain, period: period, state: 'active' });
        });
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    });

    document.querySelectorAll('[data-lifecycle]').forEach(function (element) {
        const data = JSON.parse(element.getAttribute('data-lifecycle'));
        const states = ['new', 'returning', 'resurrecting', 'dormant'];
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption({
            animation: false,
            textStyle: text,
            grid: { left: 48, right: 16, top: 32, bottom: 32 },
            legend: { top: 0 },
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            xAxis: { type: 'category', data: data.labels },
            yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f4' } } },
            series: [
                { name: 'new', type: 'bar', stack: 'up', data: data.newPersons, color: '#2f8f5b' },
                { name: 'returning', type: 'bar', stack: 'up', data: data.returning, color: '#2f6f8f' },
                { name: 'resurrecting', type: 'bar', stack: 'up', data: data.resurrecting, color: '#c17d11' },
                { name: 'dormant', type: 'bar', stack: 'down', data: data.dormant, color: '#b0413e' }
            ]
        });
        chart.on('click', function (params) {
            drill(element, { grain: data.period, period: data.labels[params.dataIndex],
                state: states[params.seriesIndex] });
        });
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    });
}());
