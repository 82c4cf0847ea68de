// Cart abandonment (rate with its 95% band over the closed carts as bars; a click lists the abandoned carts behind a
// point) and channel performance (revenue per currency as bars, conversion rate as a line).
(function () {
    'use strict';
    if (!window.echarts) {
        return;
    }
    const text = { color: '#616e7c', fontFamily: 'system-ui, sans-serif' };
    const dash = function (v) { return v === null ? '-' : v; };

    function query(params) {
        return Object.keys(params).filter(function (k) { return params[k] !== null && params[k] !== ''; })
            .map(function (k) { return k + '=' + encodeURIComponent(params[k]); }).join('&');
    }

    function draw(element, option, onClick) {
        const chart = echarts.init(element, null, { renderer: 'canvas' });
        chart.setOption(Object.assign({ animation: false, textStyle: text }, option));
        if (onClick) {
            chart.on('click', onClick);
        }
        window.addEventListener('resize', function () { chart.resize(); });
        element.setAttribute('data-drawn', 'true');
    }

    document.querySelectorAll('[data-abandonment]').forEach(function (element) {
        const data = JSON.parse(element.getAttribute('data-abandonment'));
        const band = data.highs.map(function (v, i) {
            return v === null || data.lows[i] === null ? '-' : Math.round((v - data.lows[i]) * 100) / 100;
        });
        draw(element, {
            grid: { left: 48, right: 56, top: 32, bottom: 32 },
            legend: { data: ['abandonment %', 'carts'], top: 0 },
            tooltip: {
                trigger: 'axis',
                formatter: function (items) {
                    const i = items[0].dataIndex;
                    return data.labels[i] + '<br>' + (data.rates[i] === null ? 'no closed carts'
                        : data.rates[i] + ' % abandoned (95%: ' + data.lows[i] + ' to ' + data.highs[i] + ')')
                        + '<br>' + data.abandoned[i] + ' of ' + data.carts[i] + ' carts';
                }
            },
            xAxis: { type: 'category', data: data.labels },
            yAxis: [{ type: 'value', min: 0, max: 100, name: '%', splitLine: { lineStyle: { color: '#eef1f4' } } },
                    { type: 'value', name: 'carts', splitLine: { show: false } }],
            series: [
                { name: 'carts', type: 'bar', yAxisIndex: 1, data: data.carts, color: '#d9e2ea' },
                { name: 'low', type: 'line', data: data.lows.map(dash), stack: 'band', symbol: 'none',
                  lineStyle: { opacity: 0 } },
                { name: '95% interval', type: 'line', data: band, stack: 'band', symbol: 'none',
                  lineStyle: { opacity: 0 }, areaStyle: { color: 'rgba(143, 63, 47, 0.15)' } },
                { name: 'abandonment %', type: 'line', data: data.rates.map(dash), symbolSize: 7, color: '#8f3f2f',
                  lineStyle: { width: 2 } }
            ]
        }, function (params) {
            const target = document.getElementById('insight-drill');
            if (target && window.htmx) {
                htmx.ajax('GET', '/console/insight/abandonment/carts?' + query({
                    from: data.labels[params.dataIndex], to: data.ends[params.dataIndex], hours: data.hours,
                    channel: data.channel
                }), { target: target, swap: 'innerHTML' });
            }
        });
    });

    document.querySelectorAll('[data-channels]').forEach(function (element) {
        const data = JSON.parse(element.getAttribute('data-channels'));
        const currencies = Object.keys(data.revenue);
        const series = currencies.map(function (currency) {
            return { name: 'revenue ' + currency, type: 'bar', data: data.revenue[currency] };
        });
        series.push({ name: 'conversion %', type: 'line', yAxisIndex: 1, data: data.conversion.map(dash),
                      symbolSize: 8, color: '#8f3f2f' });
        draw(element, {
            grid: { left: 64, right: 56, top: 32, bottom: 72 },
            legend: { top: 0 },
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 30 : 0 } },
            yAxis: [{ type: 'value', name: 'revenue', splitLine: { lineStyle: { color: '#eef1f4' } } },
                    { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } }],
            series: series
        });
    });
}());
