import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';

import { type LayerMessaging, layerMessagingToken } from '@lanegate/messaging';

import { dispatchKindOf } from './dispatch-event.mapper.js';
import { ShipmentProjector } from './shipment-projector.service.js';

/** Consumer group of the dispatch projection; stable across releases (it names inbox rows and durable consumers). */
export const DISPATCH_PROJECTION_CONSUMER = 'process.dispatch-projection';

/**
 * Folds every dispatch event, from the process intake and from the system layer's TMS adapter alike, into its
 * shipment's projection when it arrives over the bus; and applies parked events when a shipment is created.
 */
@Injectable()
export class ProjectShipmentOnDispatchHandler implements OnModuleInit {
  private readonly logger = new Logger(ProjectShipmentOnDispatchHandler.name);

  constructor(
    @Inject(layerMessagingToken('process')) private readonly messaging: LayerMessaging,
    @Inject(ShipmentProjector) private readonly projector: ShipmentProjector,
  ) {}

  onModuleInit(): void {
    this.messaging.consume({
      name: DISPATCH_PROJECTION_CONSUMER,
      types: ['lanegate.dispatch.', 'lanegate.shipment.created.'],
      effect: async (event, manager) => {
        if (event.type.startsWith('lanegate.shipment.created.')) {
          await this.projector.created(manager, event);

          return;
        }

        const kind = dispatchKindOf(event.type);
        if (kind === null) {
          this.logger.warn(
            { eventId: event.id, type: event.type, shipmentId: event.subject },
            'dispatch event of an unknown kind ignored',
          );

          return;
        }

        await this.projector.receive(manager, event, kind);
      },
    });
  }
}
