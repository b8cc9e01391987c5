import { setTimeout as sleep } from 'node:timers/promises';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { waitUntil } from '@lanegate/platform/testing';

import { creditMemoFor, ErpTestBed, type HttpAnswer, invoiceFor, metricValue } from './erp-sandbox.js';

/** Short, so that an ERP answering after LATENCY_MS is an unanswered call to the adapter. */
const ERP_TIMEOUT_MS = 500;
const LATENCY_MS = 800;

describe('posting the same document to the ERP more than once', () => {
  let bed: ErpTestBed;

  const postInvoice = (invoiceId: string): Promise<HttpAnswer> =>
    bed.callSystem('POST', '/system/v1/erp/invoices', invoiceFor(invoiceId));

  beforeAll(async () => {
    bed = await ErpTestBed.start({ env: { ERP_TIMEOUT_MS: String(ERP_TIMEOUT_MS) } });
  });

  beforeEach(async () => {
    await bed.callSandbox('POST', '/sandbox/erp/reset');
    await bed.setFaults({ quotaPerSecond: 20, latencyMs: 0 });
  });

  afterAll(async () => {
    await bed?.close();
  });

  describe('POST /system/v1/erp/invoices', () => {
    it('keeps one ERP document for an invoice posted twice, keyed and referenced by the invoice id', async () => {
      const first = await postInvoice('INV-IDEM-TWICE');
      const second = await postInvoice('INV-IDEM-TWICE');

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(first.body).toMatchObject({
        type: 'invoice',
        externalReference: 'INV-IDEM-TWICE',
        status: 'posted',
        totalCents: 107801,
      });
      const documents = await bed.documents();
      expect(documents).toHaveLength(1);
      expect(documents[0]).toMatchObject({
        documentNumber: first.body.documentNumber,
        type: 'invoice',
        externalReference: 'INV-IDEM-TWICE',
        idempotencyKey: 'INV-IDEM-TWICE',
      });
      const stats = await bed.stats();
      expect(stats.documents).toBe(1);
      // The repeat reached the ERP, which answered 200 with the document already posted.
      expect(stats.calls).toMatchObject({ 'POST /invoices 201': 1, 'POST /invoices 200': 1 });
    });

    it('keeps one ERP document for an invoice posted twice at the same moment', async () => {
      const answers = await Promise.all([postInvoice('INV-IDEM-RACE'), postInvoice('INV-IDEM-RACE')]);

      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      expect(answers[1].body.documentNumber).toBe(answers[0].body.documentNumber);
      expect((await bed.documents()).map((document) => document.externalReference)).toEqual(['INV-IDEM-RACE']);
      expect((await bed.stats()).documents).toBe(1);
    });
  });

  describe('POST /system/v1/erp/credit-memos', () => {
    it('keeps one ERP credit memo for a credit memo posted twice, keyed and referenced by its id', async () => {
      const invoice = await postInvoice('INV-IDEM-CREDITED');
      const creditMemo = creditMemoFor('CM-IDEM-TWICE', invoice.body.documentNumber);

      const first = await bed.callSystem('POST', '/system/v1/erp/credit-memos', creditMemo);
      const second = await bed.callSystem('POST', '/system/v1/erp/credit-memos', creditMemo);

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(first.body).toMatchObject({
        type: 'credit_memo',
        externalReference: 'CM-IDEM-TWICE',
        creditsDocumentNumber: invoice.body.documentNumber,
        totalCents: -757,
      });
      const creditMemos = (await bed.documents()).filter((document) => document.type === 'credit_memo');
      expect(creditMemos).toEqual([
        expect.objectContaining({
          documentNumber: first.body.documentNumber,
          externalReference: 'CM-IDEM-TWICE',
          idempotencyKey: 'CM-IDEM-TWICE',
          creditsDocumentNumber: invoice.body.documentNumber,
        }),
      ]);
      expect((await bed.stats()).calls).toMatchObject({ 'POST /credit-memos 201': 1, 'POST /credit-memos 200': 1 });
    });
  });

  describe('POST /system/v1/erp/invoices when the ERP answers too late', () => {
    it('finds the document an unanswered attempt created instead of posting again, and answers its number', async () => {
      await bed.setFaults({ latencyMs: LATENCY_MS });
      const posting = postInvoice('INV-IDEM-LATE');
      // The ERP creates the document once its latency has passed, after the adapter gave up waiting for it.
      await waitUntil(async () => (await bed.documents()).length === 1, 5_000);
      await bed.setFaults({ latencyMs: 0 });
      const answer = await posting;

      expect(answer.status).toBe(201);
      const documents = await bed.documents();
      expect(documents).toHaveLength(1);
      expect(answer.body).toMatchObject({
        documentNumber: documents[0].documentNumber,
        externalReference: 'INV-IDEM-LATE',
        status: 'posted',
      });
      const stats = await bed.stats();
      // Sent once: the retry asked for the document by its external reference and found it.
      expect(stats.calls['POST /invoices 201']).toBe(1);
      expect(stats.calls['POST /invoices 200']).toBeUndefined();
      expect(stats.calls['GET /invoices 200']).toBeGreaterThanOrEqual(1);
      const scrape = await bed.metrics();
      expect(
        metricValue(scrape, 'lanegate_erp_retries_total', { operation: 'postInvoice', reason: 'timeout' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        metricValue(scrape, 'lanegate_erp_call_duration_seconds_count', {
          operation: 'postInvoice',
          status: 'timeout',
        }),
      ).toBe(1);
    });

    // Last in the file: the unanswered attempts open the posting circuit.
    it('keeps one document when every attempt times out and the caller posts the same invoice again', async () => {
      await bed.setFaults({ latencyMs: LATENCY_MS });
      const givenUp = await postInvoice('INV-IDEM-CALLER');
      await bed.setFaults({ latencyMs: 0 });

      expect(givenUp.status).toBe(503);
      expect(givenUp.body).toMatchObject({ code: 'ERP_UNAVAILABLE', status: 503 });
      expect(givenUp.body.detail).toContain('timed out');
      // The first attempt created the document all the same.
      const created = await bed.documents();
      expect(created.map((document) => document.externalReference)).toEqual(['INV-IDEM-CALLER']);

      let answer = await postInvoice('INV-IDEM-CALLER');
      for (let attempt = 0; answer.status === 503 && attempt < 5; attempt += 1) {
        await sleep(Number(answer.headers.get('retry-after') ?? '1') * 1000);
        answer = await postInvoice('INV-IDEM-CALLER');
      }

      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        documentNumber: created[0].documentNumber,
        externalReference: 'INV-IDEM-CALLER',
        status: 'posted',
      });
      expect(await bed.documents()).toHaveLength(1);
      const stats = await bed.stats();
      expect(stats.documents).toBe(1);
      expect(stats.calls['POST /invoices 201']).toBe(1);
      expect(stats.calls['POST /invoices 200']).toBe(1);
    }, 40_000);
  });
});
