// The operations dashboard: reads the experience API with the operator's ops token and refreshes every few seconds.
/* global Chart, document, window, sessionStorage, setTimeout, clearTimeout */
'use strict';

const REFRESH_MS = 5000;
const TOKEN_KEY = 'lanegate.ops.token';
const STATUS_ORDER = [
  'created',
  'dispatched',
  'in_transit',
  'exception_pending',
  'delivered',
  'billing_hold',
  'billing_ready',
  'invoice_posted',
  'cancelled',
];

const $ = (id) => document.getElementById(id);
const tile = (testId) => document.querySelector(`[data-testid="${testId}"]`);
let timer;
let holdsChart;
let slaChart;

class SignedOut extends Error {}

async function api(path, options = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    throw new SignedOut('no token');
  }
  const response = await window.fetch(path, {
    ...options,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401 || response.status === 403) {
    throw new SignedOut(body.detail || 'the token was refused');
  }
  if (!response.ok) {
    throw new Error(body.detail || `${path} answered ${response.status}`);
  }

  return body;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '–';
  }
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);

  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

const millis = (value) => (value === null || value === undefined ? '–' : `${value} ms`);
const pair = (a, b) => `${a} / ${b}`;

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }

  return td;
}

function fillRows(tbody, rows) {
  tbody.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement('tr');
      tr.append(...cells);

      return tr;
    }),
  );
}

function renderCounts(overview) {
  tile('awaiting-invoice').textContent = String(overview.awaitingInvoice.count);
  tile('awaiting-invoice-oldest').textContent = duration(overview.awaitingInvoice.oldestWaitingSeconds);
  tile('without-pod').textContent = String(overview.deliveredWithoutPod.count);
  tile('without-pod-oldest').textContent = duration(overview.deliveredWithoutPod.oldestWaitingSeconds);
  tile('posting-failures').textContent = String(overview.postingFailures.count);
  tile('dead-letters').textContent = String(overview.deadLetters.open);
  tile('dead-letters-oldest').textContent = duration(overview.deadLetters.oldestAgeSeconds);
  const lag = overview.integrationLatency.eventLag;
  const erp = overview.integrationLatency.erpCalls;
  tile('event-lag').textContent = pair(millis(lag.p50Ms), millis(lag.p95Ms));
  tile('erp-latency').textContent = erp ? pair(millis(erp.p50Ms), millis(erp.p95Ms)) : 'unavailable';
  const sla = overview.sla;
  tile('sla-ready').textContent = pair(
    duration(sla.deliveryToReady.p50Seconds),
    duration(sla.deliveryToReady.p95Seconds),
  );
  tile('sla-posted').textContent = pair(
    duration(sla.deliveryToPosted.p50Seconds),
    duration(sla.deliveryToPosted.p95Seconds),
  );

  fillRows(
    $('statuses'),
    STATUS_ORDER.map((status) => {
      const count = cell(String(overview.shipmentsByStatus[status] ?? 0), 'count');
      count.dataset.testid = `status-${status}`;

      return [cell(status.replace(/_/g, ' ')), count];
    }),
  );
  const holds = Object.entries(overview.holdsByReason).filter(([, count]) => count > 0);
  fillRows(
    $('holds'),
    holds.map(([reason, count]) => {
      const counted = cell(String(count), 'count');
      counted.dataset.testid = `hold-${reason}`;

      return [cell(reason.replace(/_/g, ' ')), counted];
    }),
  );
  fillRows(
    $('failures'),
    overview.postingFailures.latest.map((failure) => [
      cell(failure.shipmentId),
      cell(failure.customerId),
      cell(failure.code),
      cell(failure.detail),
      cell(failure.failedAt),
    ]),
  );
}

function renderCharts(overview) {
  const holds = Object.entries(overview.holdsByReason).filter(([, count]) => count > 0);
  const holdData = {
    labels: holds.map(([reason]) => reason.replace(/_/g, ' ')),
    datasets: [{ label: 'shipments held', data: holds.map(([, count]) => count), backgroundColor: '#f0a030' }],
  };
  const hours = (seconds) => (seconds === null ? null : Math.round((seconds / 3600) * 100) / 100);
  const series = overview.sla.series;
  const slaData = {
    labels: series.map((point) => point.from.slice(5, 16).replace('T', ' ')),
    datasets: [
      {
        label: 'delivery → posted, p50 (h)',
        data: series.map((p) => hours(p.deliveryToPosted.p50Seconds)),
        borderColor: '#1f6feb',
        spanGaps: true,
      },
      {
        label: 'delivery → posted, p95 (h)',
        data: series.map((p) => hours(p.deliveryToPosted.p95Seconds)),
        borderColor: '#c62828',
        spanGaps: true,
      },
      {
        label: 'delivery → ready, p50 (h)',
        data: series.map((p) => hours(p.deliveryToReady.p50Seconds)),
        borderColor: '#2e7d32',
        spanGaps: true,
      },
    ],
  };
  if (holdsChart) {
    holdsChart.data = holdData;
    holdsChart.update('none');
  } else {
    holdsChart = new Chart($('holds-chart'), {
      type: 'bar',
      data: holdData,
      options: { indexAxis: 'y', animation: false, plugins: { legend: { display: false } } },
    });
  }
  if (slaChart) {
    slaChart.data = slaData;
    slaChart.update('none');
  } else {
    slaChart = new Chart($('sla-chart'), {
      type: 'line',
      data: slaData,
      options: { animation: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'hours' } } } },
    });
  }
}

async function renderAlerts() {
  try {
    const page = await api('/experience/v1/ops/alerts?status=open');
    const items = page.items || [];
    fillRows(
      $('alerts'),
      items.length === 0
        ? [[cell('no open alert')]]
        : items.map((alert) => [cell(alert.policy), cell(alert.subject), cell(alert.summary), cell(alert.openedAt)]),
    );
  } catch (error) {
    if (error instanceof SignedOut) {
      throw error;
    }
    fillRows($('alerts'), [[cell(`alerts unavailable: ${error.message}`)]]);
  }
}

async function refresh() {
  clearTimeout(timer);
  try {
    const overview = await api(`/experience/v1/ops/overview?windowHours=${$('window').value}`);
    renderCounts(overview);
    renderCharts(overview);
    await renderAlerts();
    $('refreshed').textContent = `updated ${new Date(overview.generatedAt).toISOString().slice(11, 19)} UTC`;
    $('refreshed').dataset.generatedAt = overview.generatedAt;
    timer = setTimeout(() => void refresh(), REFRESH_MS);
  } catch (error) {
    if (error instanceof SignedOut) {
      signOut(error.message);

      return;
    }
    $('refreshed').textContent = `refresh failed: ${error.message}; retrying`;
    timer = setTimeout(() => void refresh(), REFRESH_MS);
  }
}

function showDashboard(signedIn) {
  $('sign-in').hidden = signedIn;
  $('dashboard').hidden = !signedIn;
  $('sign-out').hidden = !signedIn;
}

function signOut(reason) {
  clearTimeout(timer);
  sessionStorage.removeItem(TOKEN_KEY);
  showDashboard(false);
  $('refreshed').textContent = 'not signed in';
  $('sign-in-error').textContent = reason || '';
}

function signIn(token) {
  sessionStorage.setItem(TOKEN_KEY, token.replace(/^Bearer\s+/i, '').trim());
  $('sign-in-error').textContent = '';
  showDashboard(true);
  void refresh();
}

async function followChain(reference) {
  const target = $('chain');
  target.textContent = 'searching…';
  try {
    const found = await api(`/experience/v1/ops/chains/${encodeURIComponent(reference)}`);
    target.replaceChildren(
      ...found.shipments.map((chain) => {
        const block = document.createElement('div');
        block.className = 'chain';
        block.dataset.shipmentId = chain.shipmentId;
        const title = document.createElement('h3');
        title.textContent = `${chain.shipmentId} · ${chain.customerId} · ${chain.status} · ${chain.correlationId}`;
        const stages = document.createElement('div');
        stages.append(
          ...chain.stages.map((stage) => {
            const badge = document.createElement('span');
            badge.className = `stage ${stage.state}`;
            badge.dataset.stage = stage.stage;
            badge.dataset.state = stage.state;
            badge.title = stage.summary;
            badge.textContent = `${stage.stage.replace('_', ' ')}: ${stage.state}`;

            return badge;
          }),
        );
        const entries = document.createElement('table');
        const body = document.createElement('tbody');
        fillRows(
          body,
          chain.entries.map((entry) => [cell(entry.at), cell(entry.stage), cell(entry.kind), cell(entry.summary)]),
        );
        entries.append(body);
        block.append(title, stages, entries);

        return block;
      }),
    );
  } catch (error) {
    if (error instanceof SignedOut) {
      signOut(error.message);

      return;
    }
    target.textContent = error.message;
  }
}

$('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if ($('token').value.trim() !== '') {
    signIn($('token').value);
  }
});
$('dev-sign-in').hidden = document.body.dataset.devSignIn !== 'true';
$('dev-sign-in').addEventListener('click', async () => {
  const response = await window.fetch('/experience/v1/ops/dev-sign-in', { method: 'POST' });
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    signIn(body.token);
  } else {
    $('sign-in-error').textContent = body.detail || `development sign-in answered ${response.status}`;
  }
});
$('sign-out').addEventListener('click', () => signOut(''));
$('window').addEventListener('change', () => void refresh());
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  if ($('search').value.trim() !== '') {
    void followChain($('search').value.trim());
  }
});

if (sessionStorage.getItem(TOKEN_KEY)) {
  showDashboard(true);
  void refresh();
}
