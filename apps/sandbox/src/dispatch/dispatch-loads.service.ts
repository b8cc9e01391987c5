import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';

import { dispatchEventType, EVENT_CATALOG } from '@lanegate/messaging';
import { type FieldViolation, RequestValidationError, ResourceNotFoundError } from '@lanegate/platform';

import { DispatchDeliveryService } from './dispatch-delivery.service.js';
import type { StartLoadRequestDto } from './dispatch-loads.dto.js';
import { generateLifecycle, type LifecycleStep, type LoadPlan } from './load-lifecycle.generator.js';
import { type DispatchLoadRecord, SandboxDispatchState } from './sandbox-dispatch-state.service.js';
import { SANDBOX_DISPATCH_SOURCE } from './vendor-message.encoder.js';

const SEED_LIMIT = 2 ** 32;

/** Starts loads, generated from a seed or scripted step by step, and finds them again. */
@Injectable()
export class DispatchLoadsService {
  constructor(
    private readonly state: SandboxDispatchState,
    private readonly delivery: DispatchDeliveryService,
  ) {}

  start(request: StartLoadRequestDto): DispatchLoadRecord {
    const plan: LoadPlan = {
      shipmentId: request.shipmentId,
      stops: request.stops.map((stop) => ({ ...stop })),
      carrier: { ...request.carrier },
      routeMiles: request.routeMiles,
    };
    const scripted = request.steps?.map((step) => ({
      kind: step.kind,
      occurredAt: step.occurredAt,
      data: step.data ?? {},
    }));
    const problems = [...planProblems(plan), ...(scripted ? stepProblems(plan, scripted) : [])];
    if (problems.length > 0) {
      throw new RequestValidationError(problems);
    }

    const seed = request.seed ?? randomInt(SEED_LIMIT);
    const steps = scripted ?? generateLifecycle(plan, { seed, accessorials: request.accessorials ?? false });

    return this.delivery.start({
      plan,
      format: request.format,
      steps,
      seed,
      scripted: scripted !== undefined,
      timeScale: request.timeScale ?? 0,
      correlationId: request.correlationId,
    });
  }

  get(loadId: string): DispatchLoadRecord {
    const load = this.state.load(loadId);
    if (!load) {
      throw new ResourceNotFoundError('dispatch load', loadId);
    }

    return load;
  }
}

function planProblems(plan: LoadPlan): FieldViolation[] {
  const problems: FieldViolation[] = [];
  plan.stops.forEach((stop, index) => {
    if (index > 0 && stop.sequence <= plan.stops[index - 1].sequence) {
      problems.push({ field: `stops.${index}.sequence`, messages: ['sequence must increase along the route'] });
    }
  });
  if (plan.stops[0].type !== 'pickup') {
    problems.push({ field: 'stops.0.type', messages: ['the first stop must be a pickup'] });
  }
  if (plan.stops[plan.stops.length - 1].type !== 'delivery') {
    problems.push({ field: `stops.${plan.stops.length - 1}.type`, messages: ['the last stop must be a delivery'] });
  }

  return problems;
}

/** Each scripted step's payload against the event catalog, and its stop against the plan. */
function stepProblems(plan: LoadPlan, steps: LifecycleStep[]): FieldViolation[] {
  const sequences = new Set(plan.stops.map((stop) => stop.sequence));

  return steps.flatMap((step, index) => {
    // A proof of delivery is captured when it is reported unless the step says otherwise.
    const captured = step.kind === 'pod_captured' ? { capturedAt: step.occurredAt } : {};
    const data = { ...captured, ...step.data, occurredAt: step.occurredAt, source: SANDBOX_DISPATCH_SOURCE };
    const violations = EVENT_CATALOG.violationsOf(dispatchEventType(step.kind), data).map((violation) => ({
      field: `steps.${index}.${violation.field}`,
      messages: violation.messages,
    }));
    const stop = step.data.stopSequence;
    if (typeof stop === 'number' && !sequences.has(stop)) {
      violations.push({ field: `steps.${index}.data.stopSequence`, messages: [`the load has no stop ${stop}`] });
    }

    return violations;
  });
}
